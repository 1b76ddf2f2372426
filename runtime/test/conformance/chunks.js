/** A streamed response whose chunks are every BufferSource kind (and a string), as Workers accept. */
const handler = {
  fetch() {
    const wire = new Uint8Array([0, 104, 105, 0]);
    return new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(wire.subarray(1, 2));
          c.enqueue(new DataView(wire.buffer, 2, 1));
          c.enqueue(new Uint8Array([33]).buffer);
          c.enqueue(new Uint16Array([0x3f3f]));
          c.close();
        },
      }),
    );
  },
};

export default handler;
