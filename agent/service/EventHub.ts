import { EventEmitter } from "node:events";
import type { ServiceEvent, ServiceEventOf, ServiceEventType } from "./ServiceEvents.js";
import type { ServiceEvents } from "./DeskPilotService.js";

/** Typed fan-out of service events to any number of clients. */
export class EventHub implements ServiceEvents {
  private readonly emitter = new EventEmitter();

  on<T extends ServiceEventType>(type: T, listener: (event: ServiceEventOf<T>) => void): () => void {
    const l = listener as (event: ServiceEvent) => void;
    this.emitter.on(type, l);
    return () => this.emitter.off(type, l);
  }

  onAny(listener: (event: ServiceEvent) => void): () => void {
    this.emitter.on("*", listener);
    return () => this.emitter.off("*", listener);
  }

  emit(event: ServiceEvent): void {
    this.emitter.emit(event.type, event);
    this.emitter.emit("*", event);
  }

  clear(): void {
    this.emitter.removeAllListeners();
  }
}
