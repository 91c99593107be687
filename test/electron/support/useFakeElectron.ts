// `node --import <this file>`: installs the hooks before the main process loads.
import { register } from "node:module";

register("./electronHooks.js", import.meta.url);
