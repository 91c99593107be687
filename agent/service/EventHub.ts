import { EventEmitter } from "node:events";
import type { ServiceEvent, ServiceEventOf, ServiceEventType } from "./ServiceEvents.js";
import type { ServiceEvents } from "./DeskPilotService.js";

const ANY = "event:*";
// Prefixed channels: a plain "error" channel would trip EventEmitter's throw-if-unheard rule.
const channel = (type: ServiceEventType) => `event:${type}`;

/** Typed fan-out of service events to any number of clients. */
export class EventHub implements ServiceEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  on<T extends ServiceEventType>(type: T, listener: (event: ServiceEventOf<T>) => void): () => void {
    const l = listener as (event: ServiceEvent) => void;
    this.emitter.on(channel(type), l);
    return () => this.emitter.off(channel(type), l);
  }

  onAny(listener: (event: ServiceEvent) => void): () => void {
    this.emitter.on(ANY, listener);
    return () => this.emitter.off(ANY, listener);
  }

  emit(event: ServiceEvent): void {
    this.emitter.emit(channel(event.type), event);
    this.emitter.emit(ANY, event);
  }

  clear(): void {
    this.emitter.removeAllListeners();
  }
}
