// Progressive enhancement: with JavaScript, going from page to page on this site swaps the
// page body in place instead of loading a new document, so filtering the catalogue or
// paging keeps history and the loaded scripts. Without JavaScript every link and GET form
// works as it is. Islands (interactive parts) in the new body are handed to Leptos.
(() => {
  let latest = 0;

  function sameSitePage(url) {
    return url.origin === location.origin && !url.pathname.startsWith("/api/") && !/\.[a-z0-9]+$/i.test(url.pathname);
  }

  async function go(url, { push = true, focus = true } = {}) {
    const mine = ++latest;
    document.body.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      const type = response.headers.get("content-type") || "";
      if (!type.includes("text/html")) throw new Error("not a page");
      const html = await response.text();
      if (mine !== latest) return;
      const next = new DOMParser().parseFromString(html, "text/html");
      const finalUrl = response.redirected ? response.url : url.href;
      if (push) history.pushState({ swapped: true }, "", finalUrl);
      document.title = next.title;
      document.documentElement.lang = next.documentElement.lang;
      for (const name of ["description"]) {
        const fresh = next.querySelector(`meta[name="${name}"]`);
        const old = document.querySelector(`meta[name="${name}"]`);
        if (fresh && old) old.setAttribute("content", fresh.getAttribute("content"));
      }
      document.body.replaceChildren(...next.body.childNodes);
      // The new body's islands hydrate as the first page's do (app/src/islands.js).
      if (window.__watchIslands) window.__watchIslands(document.body);
      const target = url.hash && document.getElementById(url.hash.slice(1));
      if (target) {
        target.scrollIntoView();
      } else if (push) {
        window.scrollTo(0, 0);
      }
      if (focus) {
        const heading = document.querySelector("main h1, main h2") || document.querySelector("main");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
          heading.focus({ preventScroll: true });
        }
      }
    } catch {
      if (mine === latest) location.assign(url.href);
    } finally {
      document.body.removeAttribute("aria-busy");
    }
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    // Islands handle their own links.
    if (!link || link.closest("leptos-island") || link.target || link.hasAttribute("download") || (link.getAttribute("rel") || "").includes("external")) return;
    const url = new URL(link.href, location.href);
    if (!sameSitePage(url)) return;
    // A link to a place on this same page: let the browser scroll there.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    event.preventDefault();
    go(url);
  });

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || !(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") return;
    const url = new URL(form.action, location.href);
    if (!sameSitePage(url)) return;
    url.search = new URLSearchParams(new FormData(form)).toString();
    event.preventDefault();
    go(url);
  });

  window.addEventListener("popstate", () => go(new URL(location.href), { push: false, focus: false }));
})();
