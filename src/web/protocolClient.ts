// The engine's client over any message channel (a web Worker here): every
// EngineApi method forwarded by name, as EngineClient does over node's
// worker_threads (core/engine/client.ts), answered by core/engine/serve's
// protocol (EngineRequest → EngineResponse).
import type { EngineApi, EngineMethod, EngineResponse, Remote } from '../core/engine/protocol';

/** The part of a Worker (or MessagePort) the client uses. */
export interface Channel {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  terminate?(): void;
}

/** A Remote<EngineApi> over `channel`; `dispose()` ends the worker. */
export function channelClient(channel: Channel): Remote<EngineApi> & { dispose(): void } {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let disposed = false;
  channel.addEventListener('message', (event) => {
    const msg = event.data as EngineResponse;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if ('error' in msg) p.reject(new Error(msg.error));
    else p.resolve(msg.result);
  });
  const call = (method: EngineMethod, args: unknown[]): Promise<unknown> => {
    if (disposed) return Promise.reject(new Error('Policy Lens engine has been shut down'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      channel.postMessage({ id, method, args });
    });
  };
  const dispose = (): void => {
    disposed = true;
    for (const p of pending.values()) p.reject(new Error('Policy Lens engine has been shut down'));
    pending.clear();
    channel.terminate?.(); // a web worker holds no native code: ending it mid-call is safe
  };
  const NOT_FORWARDED = new Set(['then', 'catch', 'finally', 'toJSON', 'constructor']);
  return new Proxy({ dispose } as Remote<EngineApi> & { dispose(): void }, {
    get(target, prop, receiver) {
      if (typeof prop !== 'string' || prop in target || NOT_FORWARDED.has(prop)) return Reflect.get(target, prop, receiver) as unknown;
      return (...args: unknown[]) => call(prop as EngineMethod, args);
    },
  });
}
