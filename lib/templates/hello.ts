/** The smallest useful function: answers every request with a greeting. */
export const hello = `export default {
  async fetch(request: Request, env: Record<string, string>, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    return new Response(\`Hello from the edge! You asked for \${url.pathname}\\n\`, {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  },
};
`;
