/** An itty-router (v5) app as its README shows it; bundled from the npm package by the test. */
import { AutoRouter, error, json, StatusError, type IRequest } from "itty-router";

const withUser = (request: IRequest) => {
  request.user = request.headers.get("x-user") ?? "anonymous";
};

const router = AutoRouter();
router
  .get("/", () => "hello from itty")
  .get("/items/:id", withUser, ({ params, query, user }) => ({ id: params.id, sort: query.sort ?? null, user }))
  .post("/items", async (request) => json({ created: await request.json() }, { status: 201 }))
  .get("/teapot", () => error(418, "I'm a teapot"))
  .get("/throws", () => {
    throw new StatusError(400, "bad input");
  });

// The router itself has fetch(); spreading gives the plain `{ fetch }` object Workers expects.
const handler = { ...router };
export default handler;
