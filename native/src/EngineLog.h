// Routes llama.cpp/mtmd logs to stderr above a level, and keeps recent error lines so a failed
// load can say why (llama.cpp reports most failures only through the log).
#pragma once

#include <string>

void engine_log_install(int min_level);
void engine_log_set_level(int min_level);
void engine_log_clear_errors();
std::string engine_log_errors();
