// Islands hydrate when they come near the screen or are touched, not with every page load:
// a page without one never fetches the WASM, and the contact form low on a product page
// fetches it only as it scrolls into view. Until then each island is the plain HTML form it
// was rendered as, and works without JavaScript. Leptos's own loader (island_script.js)
// fetches and runs the WASM on every page at once; this does what it does, later.
((js, wasm) => {
  let loaded;
  const load = () =>
    (loaded ||= import(js).then(async (mod) => {
      await mod.default({ module_or_path: wasm });
      mod.hydrate();
      return mod;
    }));
  const hydrated = new WeakSet();
  const hydrate = (island) => {
    if (hydrated.has(island)) return;
    hydrated.add(island);
    load().then((mod) => {
      const start = mod[island.dataset.component];
      if (start) start(island);
      else console.warn(`No WASM function for the island ${island.dataset.component}.`);
    });
  };
  const near =
    "IntersectionObserver" in window &&
    new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          near.unobserve(entry.target);
          hydrate(entry.target);
        }
      },
      { rootMargin: "600px 0px" },
    );
  // Every island under `root`; the page swap of navigation.js calls it for the new body.
  const watch = (root) => {
    for (const island of root.querySelectorAll("leptos-island")) {
      if (near) near.observe(island);
      else hydrate(island);
    }
  };
  // Reached by the keyboard or a pointer before it came near: at once.
  for (const kind of ["focusin", "pointerdown"]) {
    document.addEventListener(kind, (event) => {
      const island = event.target instanceof Element && event.target.closest("leptos-island");
      if (island) hydrate(island);
    });
  }
  window.__watchIslands = watch;
  watch(document);
})
