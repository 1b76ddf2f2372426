/** URL, URLSearchParams, URLPattern (WHATWG URL / URLPattern examples), TextEncoder/TextDecoder, atob/btoa. */
import { bytes, conformance } from "./harness.js";

export default conformance(async (t) => {
  t.section("URL");
  const u = new URL("https://user:pass@sub.example.com:8080/p/a/t/h?query=string#hash");
  t.eq([u.protocol, u.username, u.password, u.host, u.hostname, u.port], ["https:", "user", "pass", "sub.example.com:8080", "sub.example.com", "8080"], "components");
  t.eq([u.pathname, u.search, u.hash, u.origin], ["/p/a/t/h", "?query=string", "#hash", "https://sub.example.com:8080"], "path, search, hash, origin");
  t.eq(new URL("/a/../b/./c", "https://e.com/x/y").href, "https://e.com/b/c", "relative resolution with dot segments");
  t.eq(new URL("../up", "https://e.com/a/b/c").href, "https://e.com/a/up", "parent-relative");
  t.eq(new URL("//other.org/p", "https://e.com").href, "https://other.org/p", "scheme-relative");
  t.eq(new URL("HTTPS://EXAMPLE.COM:443/").href, "https://example.com/", "scheme and host lower-cased, default port dropped");
  t.eq(new URL("https://例え.jp/").hostname, "xn--r8jz45g.jp", "IDNA to punycode");
  t.eq(new URL("http://[::1]:80/").host, "[::1]", "IPv6 host");
  t.eq(new URL("http://0x7f.1/").hostname, "127.0.0.1", "IPv4 number forms");
  t.eq(new URL("https://e.com/a b").pathname, "/a%20b", "spaces percent-encoded in path");
  t.eq(new URL("https://e.com/?q=a b").search, "?q=a%20b", "spaces percent-encoded in query");
  t.eq(new URL("file:///etc/hosts").pathname, "/etc/hosts", "file URL");
  t.eq(new URL("data:text/plain,hi").pathname, "text/plain,hi", "opaque path");
  t.eq(new URL("blob:https://e.com/uuid").origin, "https://e.com", "blob origin");
  t.throws(() => new URL("not a url"), "TypeError", "invalid URL");
  t.throws(() => new URL("https://exa mple.com"), "TypeError", "space in host");
  t.throws(() => new URL("/path"), "TypeError", "relative without base");
  t.eq(URL.canParse("https://e.com"), true, "canParse true");
  t.eq(URL.canParse("nope"), false, "canParse false");
  t.eq(URL.canParse("/x", "https://e.com"), true, "canParse with base");
  t.eq(URL.parse("nope"), null, "URL.parse null");
  t.eq(URL.parse("/x", "https://e.com").href, "https://e.com/x", "URL.parse with base");
  const m = new URL("https://e.com/path");
  m.pathname = "/new path";
  m.search = "a=1";
  m.hash = "frag";
  m.port = "8443";
  t.eq(m.href, "https://e.com:8443/new%20path?a=1#frag", "setters");
  m.protocol = "http";
  t.eq(m.protocol, "http:", "protocol setter");
  m.host = "other.com:81";
  t.eq(m.host, "other.com:81", "host setter");
  m.port = "80";
  t.eq(m.port, "", "default port cleared");
  t.eq(JSON.stringify({ u: new URL("https://e.com") }), '{"u":"https://e.com/"}', "toJSON");
  t.eq(String(new URL("https://e.com/x")), "https://e.com/x", "toString");
  const withParams = new URL("https://e.com/?a=1&b=2");
  withParams.searchParams.append("c", "3 4");
  t.eq(withParams.href, "https://e.com/?a=1&b=2&c=3+4", "searchParams writes back");
  withParams.search = "?z=9";
  t.eq(withParams.searchParams.get("z"), "9", "search setter updates searchParams");

  // Simple absolute URLs are parsed in the isolate; with a base they always go to the host's
  // parser. Both must agree on every component.
  const parts = (x) => ["href", "origin", "protocol", "username", "password", "host", "hostname", "port", "pathname", "search", "hash"].map((k) => x[k]);
  for (const s of ["https://example.com", "https://example.com/", "http://example.com:80/a", "https://example.com:443/", "https://example.com:8443/x/y?z=1&w", "http://a.b-c.d/path;p=1?q=%41", "https://e.com/?", "https://e.com/a/./b", "https://e.com/%2e%2e/x", "https://e.com/?q='x'", "https://1.2.3.4/", "http://e.com:65536/", "https://xn--r8jz45g.jp/", "http://e.0x10/", "https://e.com:0080/"]) {
    const viaBase = URL.parse(s, "http://base.invalid/");
    const plain = URL.parse(s);
    t.eq(plain && parts(plain), viaBase && parts(viaBase), `in-isolate and host parsers agree on ${s}`);
  }

  t.section("URLSearchParams");
  const p = new URLSearchParams("?a=1&b=2&a=3");
  t.eq([p.get("a"), p.getAll("a"), p.get("c")], ["1", ["1", "3"], null], "get, getAll");
  t.eq(p.size, 3, "size");
  t.eq(p.has("b"), true, "has");
  t.eq(p.has("a", "3"), true, "has(name, value)");
  p.delete("a", "1");
  t.eq(p.toString(), "b=2&a=3", "delete(name, value)");
  p.set("b", "x");
  p.append("d", "é&=");
  t.eq(p.toString(), "b=x&a=3&d=%C3%A9%26%3D", "set, append, encoding");
  p.sort();
  t.eq([...p.keys()], ["a", "b", "d"], "sort");
  t.eq(new URLSearchParams({ x: "1", y: "2" }).toString(), "x=1&y=2", "from a record");
  t.eq(new URLSearchParams([["k", "v"], ["k", "w"]]).getAll("k"), ["v", "w"], "from pairs");
  t.throws(() => new URLSearchParams([["only"]]), "TypeError", "invalid pair");
  t.eq(new URLSearchParams("a=b+c&d=%20e").get("a"), "b c", "plus decodes to space");
  t.eq(new URLSearchParams("d=%20e").get("d"), " e", "percent decoding");
  t.eq(new URLSearchParams("x=%zz").get("x"), "%zz", "invalid escape kept");
  t.eq(new URLSearchParams("a&b=").toString(), "a=&b=", "missing values");
  t.eq(new URLSearchParams("q=~*-._!").toString(), "q=%7E*-._%21", "application/x-www-form-urlencoded byte set");
  const fe = [];
  new URLSearchParams("a=1&b=2").forEach((v, k) => fe.push(k + v));
  t.eq(fe, ["a1", "b2"], "forEach");
  t.eq([...new URLSearchParams("a=1").entries()], [["a", "1"]], "entries");

  t.section("URLPattern");
  const pat = new URLPattern({ pathname: "/books/:id" });
  t.eq(pat.test("https://example.com/books/123"), true, "test matches");
  t.eq(pat.test("https://example.com/authors/1"), false, "test does not match");
  t.eq(pat.exec("https://example.com/books/42").pathname.groups, { id: "42" }, "named group");
  const wild = new URLPattern("https://*.example.com/*");
  t.eq(wild.test("https://api.example.com/v1/x"), true, "wildcards in a constructor string");
  t.eq(wild.exec("https://api.example.com/v1/x").hostname.groups[0], "api", "wildcard group");
  const regex = new URLPattern({ pathname: "/post/:id(\\d+)" });
  t.eq([regex.test("https://e.com/post/12"), regex.test("https://e.com/post/ab")], [true, false], "regex group");
  const opt = new URLPattern({ pathname: "/files/:name?" });
  t.eq([opt.test("https://e.com/files"), opt.test("https://e.com/files/a")], [true, true], "optional group");
  t.eq(new URLPattern({ pathname: "/a/:rest*" }).exec("https://e.com/a/b/c").pathname.groups.rest, "b/c", "repeated group");
  t.eq(new URLPattern({ search: "q=:q" }).test("https://e.com/?q=1"), true, "search component");
  t.eq(new URLPattern("/x/:y", "https://e.com").test("https://e.com/x/1"), true, "pattern with base URL");
  t.eq(pat.pathname, "/books/:id", "component getter");
  t.throws(() => new URLPattern({ pathname: "/(" }), "TypeError", "invalid pattern");

  t.section("TextEncoder");
  const te = new TextEncoder();
  t.eq(te.encoding, "utf-8", "encoding");
  t.eq(te.encode("€"), bytes(0xe2, 0x82, 0xac), "three-byte character");
  t.eq(te.encode("😀"), bytes(0xf0, 0x9f, 0x98, 0x80), "astral character");
  t.eq(te.encode("\ud800"), bytes(0xef, 0xbf, 0xbd), "lone surrogate becomes U+FFFD");
  t.eq(te.encode(), new Uint8Array(0), "encode() without input");
  const dest = new Uint8Array(5);
  t.eq(te.encodeInto("a€b", dest), { read: 3, written: 5 }, "encodeInto fits");
  const small = new Uint8Array(3);
  t.eq(te.encodeInto("a€", small), { read: 1, written: 1 }, "encodeInto never splits a character");

  t.section("TextDecoder");
  const td = new TextDecoder();
  t.eq([td.encoding, td.fatal, td.ignoreBOM], ["utf-8", false, false], "defaults");
  t.eq(td.decode(bytes(0xe2, 0x82, 0xac)), "€", "decode");
  t.eq(td.decode(bytes(0xef, 0xbb, 0xbf, 0x61)), "a", "BOM dropped");
  t.eq(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes(0xef, 0xbb, 0xbf, 0x61)), "\ufeffa", "ignoreBOM keeps it");
  t.eq(td.decode(bytes(0xff, 0x61)), "\ufffda", "invalid byte replaced");
  t.eq(td.decode(bytes(0xe2, 0x82)), "\ufffd", "truncated sequence is one U+FFFD");
  t.eq(td.decode(bytes(0xed, 0xa0, 0x80)), "\ufffd\ufffd\ufffd", "encoded surrogate rejected byte by byte");
  t.eq(td.decode(bytes(0xc0, 0x80)), "\ufffd\ufffd", "overlong encoding rejected");
  t.throws(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes(0xff)), "TypeError", "fatal");
  const st = new TextDecoder();
  t.eq(st.decode(bytes(0xf0, 0x9f), { stream: true }) + st.decode(bytes(0x98, 0x80)), "😀", "streaming across a split sequence");
  t.eq(td.decode(new Uint8Array([0, 0x61, 0x62, 0]).subarray(1, 3)), "ab", "respects view offset");
  t.eq(td.decode(new Uint8Array([0x68, 0x69]).buffer), "hi", "ArrayBuffer input");
  t.eq(td.decode(new DataView(new Uint8Array([0x6f, 0x6b]).buffer)), "ok", "DataView input");
  t.eq(td.decode(), "", "decode() without input");
  for (const [label, encoding] of [["UTF8", "utf-8"], [" unicode-1-1-utf-8 ", "utf-8"], ["latin1", "windows-1252"], ["ascii", "windows-1252"], ["iso-8859-1", "windows-1252"], ["utf-16", "utf-16le"], ["utf-16be", "utf-16be"], ["iso-8859-2", "iso-8859-2"], ["shift_jis", "shift_jis"], ["gbk", "gbk"]]) {
    t.eq(new TextDecoder(label).encoding, encoding, `label ${label}`);
  }
  t.throws(() => new TextDecoder("utf-7"), "RangeError", "unsupported label");
  t.throws(() => new TextDecoder("replacement"), "RangeError", "replacement label");
  t.eq(new TextDecoder("windows-1252").decode(bytes(0x80, 0xe9, 0x9f)), "€éŸ", "windows-1252 table");
  t.eq(new TextDecoder("latin1").decode(bytes(0x41, 0xff)), "Aÿ", "latin1 is windows-1252");
  t.eq(new TextDecoder("utf-16le").decode(bytes(0xff, 0xfe, 0x41, 0x00, 0x3d, 0xd8, 0x00, 0xde)), "A😀", "UTF-16LE with BOM and a surrogate pair");
  t.eq(new TextDecoder("utf-16be").decode(bytes(0x00, 0x41, 0x00, 0x42)), "AB", "UTF-16BE");
  t.eq(new TextDecoder("utf-16le").decode(bytes(0x41)), "\ufffd", "odd byte count");
  t.eq(new TextDecoder("shift_jis").decode(bytes(0x82, 0xa0)), "あ", "shift_jis through the host");
  t.eq(new TextDecoder("iso-8859-2").decode(bytes(0xa1)), "Ą", "iso-8859-2 through the host");

  t.section("atob / btoa");
  t.eq(btoa("Hello, world"), "SGVsbG8sIHdvcmxk", "btoa");
  t.eq(atob("SGVsbG8sIHdvcmxk"), "Hello, world", "atob");
  t.eq(btoa(""), "", "btoa empty");
  t.eq([btoa("a"), btoa("ab"), btoa("abc")], ["YQ==", "YWI=", "YWJj"], "padding");
  t.eq(atob("YQ"), "a", "atob without padding");
  t.eq(atob(" Y W I = "), "ab", "atob ignores ASCII whitespace");
  t.eq(btoa("\xff\xfe"), "//4=", "binary string");
  t.eq(atob("//4="), "\xff\xfe", "binary round trip");
  t.throws(() => btoa("€"), "InvalidCharacterError", "btoa outside Latin-1");
  t.throws(() => atob("a"), "InvalidCharacterError", "atob length 1 mod 4");
  t.throws(() => atob("@@@@"), "InvalidCharacterError", "atob invalid characters");
  t.throws(() => atob("YQ==="), "InvalidCharacterError", "atob too much padding");
  t.eq(btoa(null), "bnVsbA==", "btoa stringifies");
});
