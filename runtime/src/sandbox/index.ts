/**
 * The in-isolate prelude, bundled by esbuild (iife) and run once per isolate before tenant code.
 * The host calls __edgeInit with its bridge functions; the prelude keeps them in closures and
 * exposes only Web APIs. Modules are installed one by one so new Web APIs can be added as files.
 */
import { addEventListener, cancel, dispatch, pull, setModule } from "./dispatch.ts";
import { atob, btoa, DOMExceptionLike, installEncoding, TextDecoder, TextEncoder } from "./encoding.ts";
import { makeFetch } from "./fetch.ts";
import { installConsole, installCrypto, installTimers } from "./globals.ts";
import { Headers } from "./headers.ts";
import { defineGlobal, type AsyncRef, type HostBridge } from "./host.ts";
import { Request, Response } from "./request.ts";
import { ReadableStream, ReadableStreamDefaultReader } from "./streams.ts";
import { installBody } from "./body.ts";
import { installUrl, URL, URLSearchParams } from "./url.ts";

function init(
  log: HostBridge["log"],
  random: HostBridge["random"],
  parseUrl: HostBridge["parseUrl"],
  fetch: AsyncRef,
  read: AsyncRef,
  cancelHost: HostBridge["cancel"],
  sleep: AsyncRef,
  decode: HostBridge["decode"],
): void {
  const host: HostBridge = { log, random, parseUrl, fetch, read, cancel: cancelHost, sleep, decode };
  installEncoding(host);
  installUrl(host);
  installBody(host);
  installConsole(host);
  installTimers(host);
  installCrypto(host);
  const globals: Record<string, unknown> = {
    self: globalThis,
    Headers,
    Request,
    Response,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    ReadableStream,
    ReadableStreamDefaultReader,
    DOMException: DOMExceptionLike,
    atob,
    btoa,
    fetch: makeFetch(host),
    addEventListener,
  };
  for (const [name, value] of Object.entries(globals)) defineGlobal(name, value);
}

defineGlobal("__edgeInit", init);
defineGlobal("__edgeDispatch", dispatch);
defineGlobal("__edgePull", pull);
defineGlobal("__edgeCancel", cancel);
defineGlobal("__edgeSetModule", setModule);
