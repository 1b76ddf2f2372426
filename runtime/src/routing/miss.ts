/** The 404 bodies of the custom-domain router: each says what was missing and how to fix it. */
import { pathOf, type RouteMiss } from "./table.ts";

export function routeMissBody(miss: RouteMiss, method: string, target: string | undefined, baseDomain: string, requestId: string) {
  const host = miss.hostname;
  const path = pathOf(target);
  switch (miss.reason) {
    case "domain_not_verified":
      return { error: "domain_not_verified", message: `The domain "${host}" is not verified yet, so it does not serve. Add its TXT record and verify it in the console.`, request_id: requestId };
    case "no_route":
      return { error: "no_route", message: `No route on "${host}" matches ${method} ${path}.`, request_id: requestId };
    default:
      return { error: "not_found", message: `No domain "${host}" is attached to any function. Default hostnames look like <function>.<tenant>.${baseDomain}.`, request_id: requestId };
  }
}
