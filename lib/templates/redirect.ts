/** Sends visitors to a country site, from a header set by the edge or a ?country= override. */
export const redirect = `const SITES: Record<string, string> = {
  BR: "https://example.com/pt-br/",
  DE: "https://example.com/de/",
  FR: "https://example.com/fr/",
};
const FALLBACK = "https://example.com/en/";

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const country = (url.searchParams.get("country") ?? request.headers.get("x-country") ?? "").toUpperCase();
    const target = SITES[country] ?? FALLBACK;
    return Response.redirect(target, 302);
  },
};
`;
