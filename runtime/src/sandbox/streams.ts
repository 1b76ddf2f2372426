/**
 * WHATWG Streams from web-streams-polyfill (spec-faithful: readers, BYOB, tee, pipeTo/pipeThrough,
 * queuing strategies), plus the encoding streams built on TransformStream.
 */
export {
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  ReadableByteStreamController,
  ReadableStream,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableStreamDefaultController,
  ReadableStreamDefaultReader,
  TransformStream,
  TransformStreamDefaultController,
  WritableStream,
  WritableStreamDefaultController,
  WritableStreamDefaultWriter,
} from "web-streams-polyfill";
