type Replayer = { playMacro(...args: never[]): Promise<unknown> };

/**
 * The service as transports see it, with each macro replay reported to `hooks` as it starts and
 * ends (the service has no macro-state event): the window choreography and the emergency stop
 * must know a replay is moving the mouse. Everything else passes through untouched.
 */
export function observeMacroReplays<S extends object>(service: S, hooks: { started(): void; ended(): void }): S {
  return new Proxy(service, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== "playMacro" || typeof value !== "function") return value;
      const play = value as Replayer["playMacro"];
      return async (...args: never[]) => {
        hooks.started();
        try {
          return await play.apply(target, args);
        } finally {
          hooks.ended();
        }
      };
    },
  });
}
