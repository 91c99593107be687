#include <napi.h>
#include "mtmd.h"
static Napi::Object Init(Napi::Env env, Napi::Object exports) { return exports; }
NODE_API_MODULE(deskpilot_vision, Init)
