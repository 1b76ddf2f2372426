/**
 * The in-isolate prelude, bundled by esbuild (iife). It runs once when the runtime builds its
 * isolate snapshot (or in each isolate when snapshots are off): every Web API is defined at load
 * time, with no host capability. The host then calls __edgeInit with its bridge functions after
 * the isolate starts; the prelude keeps them in closures and exposes only Web APIs.
 */
import type * as UrlPatternModule from "urlpattern-polyfill/urlpattern";
import { Blob, File } from "./blob.ts";
import { installBody } from "./body.ts";
import { structuredClone } from "./clone.ts";
import { Crypto, CryptoKey, installCrypto, makeCrypto, SubtleCrypto } from "./crypto.ts";
import { addEventListener, cancel, dispatch, pull, setModule } from "./dispatch.ts";
import { atob, btoa, installEncoding, TextDecoder, TextEncoder } from "./encoding.ts";
import { setExchange } from "./exchange.ts";
import { AbortController, AbortSignal, CustomEvent, DOMException, Event, EventTarget } from "./events.ts";
import { fetch, installFetch } from "./fetch.ts";
import { FormData } from "./formdata.ts";
import { defineHostGlobals, installGlobals } from "./globals.ts";
import { Headers } from "./headers.ts";
import { installLibs, lib, setLib } from "./libs.ts";
import { defineGlobal, type AsyncRef, type HostBridge } from "./host.ts";
import { Request, Response } from "./request.ts";
import * as streams from "./streams.ts";
import { CompressionStream, DecompressionStream, TextDecoderStream, TextEncoderStream } from "./text-streams.ts";
import { installUrl, URL, URLSearchParams } from "./url.ts";

function init(
  log: HostBridge["log"],
  logLater: HostBridge["logLater"],
  random: HostBridge["random"],
  parseUrl: HostBridge["parseUrl"],
  fetchRef: AsyncRef,
  read: AsyncRef,
  cancelHost: HostBridge["cancel"],
  sleep: AsyncRef,
  decode: HostBridge["decode"],
  subtle: AsyncRef,
  releaseKey: HostBridge["releaseKey"],
  abortFetch: HostBridge["abortFetch"],
  legacyDecode: HostBridge["legacyDecode"],
  loadLib: (name: string) => void,
  exchange: SharedArrayBuffer,
): void {
  const host: HostBridge = { log, logLater, random, parseUrl, fetch: fetchRef, read, cancel: cancelHost, sleep, decode, subtle, releaseKey, abortFetch, legacyDecode };
  installEncoding(host);
  installUrl(host);
  installBody(host);
  installFetch(host);
  installGlobals(host);
  installCrypto(host);
  installLibs(loadLib);
  setExchange(exchange);
}

const globals: Record<string, unknown> = {
  self: globalThis,
  ...streams,
  Headers,
  Request,
  Response,
  fetch,
  URL,
  URLSearchParams,
  TextEncoder,
  TextDecoder,
  TextEncoderStream,
  TextDecoderStream,
  CompressionStream,
  DecompressionStream,
  Blob,
  File,
  FormData,
  DOMException,
  Event,
  CustomEvent,
  EventTarget,
  AbortController,
  AbortSignal,
  atob,
  btoa,
  structuredClone,
  crypto: makeCrypto(),
  Crypto,
  CryptoKey,
  SubtleCrypto,
  addEventListener,
};
for (const [name, value] of Object.entries(globals)) defineGlobal(name, value);
defineHostGlobals();

/** URLPattern loads on first use (libs.ts): its parser is large and few functions need it. */
Object.defineProperty(globalThis, "URLPattern", {
  configurable: true,
  enumerable: false,
  get() {
    const value = lib<typeof UrlPatternModule>("urlpattern").URLPattern;
    defineGlobal("URLPattern", value);
    return value;
  },
  set(value: unknown) {
    defineGlobal("URLPattern", value);
  },
});

defineGlobal("__edgeInit", init);
defineGlobal("__edgeDispatch", dispatch);
defineGlobal("__edgePull", pull);
defineGlobal("__edgeCancel", cancel);
defineGlobal("__edgeSetModule", setModule);
defineGlobal("__edgeSetLib", setLib);
