/** A Hono app written the way Hono's Workers docs show it; bundled from the npm package by the test. */
import { Hono } from "hono";
import { logger } from "hono/logger";
import { streamText } from "hono/streaming";

type Bindings = { GREETING: string };
const app = new Hono<{ Bindings: Bindings; Variables: { started: number } }>();

app.use("*", logger());
app.use("/api/*", async (c, next) => {
  c.set("started", Date.now());
  await next();
  c.header("x-middleware", "ran");
});

app.get("/", (c) => c.text(`${c.env.GREETING} from hono`));
app.get("/api/users/:id", (c) => c.json({ id: c.req.param("id"), agent: c.req.header("user-agent") ?? null, q: c.req.query("q") ?? null }));
app.post("/api/echo", async (c) => c.json({ received: await c.req.json(), type: c.req.header("content-type") }, 201));
app.get("/api/posts/:slug{[a-z-]+}/comments/:n{[0-9]+}", (c) => c.json(c.req.param()));
app.get("/stream", (c) =>
  streamText(c, async (s) => {
    for (const word of ["streamed", " ", "by", " ", "hono"]) {
      await s.write(word);
      await s.sleep(1);
    }
  }),
);
app.get("/error", () => {
  throw new Error("handled by onError");
});
app.onError((err, c) => c.json({ error: err.message }, 500));
app.notFound((c) => c.json({ error: "no route" }, 404));

export default app;
