"use client";

import { createAuthClient } from "better-auth/react";

/**
 * better-auth's browser client. It talks to the handler mounted at /api/auth/[...all] on the same
 * origin the console was opened on (localhost, 127.0.0.1 or the public URL all work).
 */
export const authClient = createAuthClient({
  baseURL: typeof window === "undefined" ? undefined : window.location.origin,
});

export const { signIn, signUp, signOut } = authClient;
