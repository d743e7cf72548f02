"use strict";
(function () {
  const data = JSON.parse(document.getElementById("network-data").textContent);
  const nodes = data.nodes, links = data.links, photos = data.photos;
  const $ = (id) => document.getElementById(id);
  const canvas = $("graph"), context = canvas.getContext("2d");
  const tooltip = $("tooltip"), details = $("details"), detailsBody = $("details-body");
  // D3 5 sets d3.event; D3 6+ passes the event to listeners. Accept both.
  const eventOf = (a) => (a && (a.sourceEvent !== undefined || a.transform !== undefined || a.subject !== undefined) ? a : d3.event);
  const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
  const measureTitles = { degree: "connections", weighted_degree: "weighted degree (shared photos)", betweenness: "betweenness",
    closeness: "closeness", harmonic_closeness: "harmonic closeness", eigenvector: "eigenvector", pagerank: "PageRank" };

  let width = 0, height = 0, ratio = 1, transform = d3.zoomIdentity;
  let selected = null, hovered = null, matches = [], firstPaint = true, drawPending = false, tree = null;
  let maxRadius = 1;

  nodes.forEach((d, i) => {
    d.index = i; d.visible = true; d.links = []; d.key = (d.label + " " + d.id).toLowerCase();
    maxRadius = Math.max(maxRadius, d.r);
  });
  links.forEach((l) => {
    l.source = nodes[l.s]; l.target = nodes[l.t]; l.visible = true;
    l.width = 1 + Math.log2(l.w) * 1.5;
    l.source.links.push(l); l.target.links.push(l);
  });

  $("heading").textContent = data.title;
  const measureSelect = $("measure");
  data.measures.forEach((m) => {
    const option = document.createElement("option");
    option.value = m; option.textContent = measureTitles[m] || m;
    measureSelect.appendChild(option);
  });
  if (data.measures.indexOf("pagerank") >= 0) measureSelect.value = "pagerank";
  const maxWeight = links.reduce((a, l) => Math.max(a, l.w), 1);
  $("min-weight").max = String(maxWeight);
  if (nodes.length === 0) {
    const empty = document.createElement("div");
    empty.id = "empty";
    empty.textContent = "No people yet: run face-network cluster with more photos.";
    document.body.appendChild(empty);
  }

  // Filters: links below the weight, people outside the top N by the chosen measure (and, on request,
  // people left without a shown link) are hidden.
  function applyFilters() {
    const minWeight = Math.max(1, parseInt($("min-weight").value, 10) || 1);
    const top = parseInt($("top-n").value, 10);
    const m = data.measures.indexOf(measureSelect.value);
    let keep = null;
    if (top > 0 && top < nodes.length && m >= 0) {
      keep = new Set(nodes.slice().sort((a, b) => (b.m[m] - a.m[m]) || (a.id - b.id)).slice(0, top));
    }
    nodes.forEach((d) => { d.visible = !keep || keep.has(d); });
    links.forEach((l) => { l.visible = l.w >= minWeight && l.source.visible && l.target.visible; });
    if ($("hide-unlinked").checked) nodes.forEach((d) => { if (d.visible && !d.links.some((l) => l.visible)) d.visible = false; });
    tree = d3.quadtree().x((d) => d.x).y((d) => d.y).addAll(nodes.filter((d) => d.visible));
    const shownLinks = links.filter((l) => l.visible).length;
    $("status").textContent = nodes.filter((d) => d.visible).length + " of " + nodes.length + (nodes.length === 1 ? " person, " : " people, ")
      + shownLinks + " of " + plural(links.length, "link") + ", " + data.communities + (data.communities === 1 ? " community" : " communities");
    requestDraw();
  }

  // Hit testing in layout coordinates: the topmost person whose circle holds the point, else the nearest
  // shown link within a few screen pixels.
  function personAt(x, y) {
    if (!tree) return null;
    const slack = 3 / transform.k, reach = maxRadius + slack;
    let found = null;
    tree.visit((quad, x0, y0, x1, y1) => {
      if (!quad.length) {
        let q = quad;
        do {
          const d = q.data;
          if (Math.hypot(d.x - x, d.y - y) <= d.r + slack && (!found || d.index > found.index)) found = d;
        } while ((q = q.next));
      }
      return x0 > x + reach || x1 < x - reach || y0 > y + reach || y1 < y - reach;
    });
    return found;
  }
  function linkAt(x, y) {
    let found = null, best = Infinity;
    for (const l of links) {
      if (!l.visible) continue;
      const a = l.source, b = l.target, dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
      const t = length2 > 0 ? Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / length2)) : 0;
      const distance = Math.hypot(a.x + t * dx - x, a.y + t * dy - y);
      if (distance <= Math.max(l.width / 2, 4 / transform.k) && distance < best) { best = distance; found = l; }
    }
    return found;
  }

  // Faces are decoded when first drawn large enough to be seen, not all at once on opening.
  const images = new Array(nodes.length);
  function imageOf(d) {
    if (!d.img) return null;
    let image = images[d.index];
    if (!image) {
      image = images[d.index] = new Image();
      image.onload = requestDraw;
      image.src = d.img;
    }
    return image.complete && image.naturalWidth > 0 ? image : null;
  }

  function requestDraw() {
    if (drawPending) return;
    drawPending = true;
    window.requestAnimationFrame(draw);
  }

  function draw() {
    drawPending = false;
    const k = transform.k;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = "#fafafa";
    context.fillRect(0, 0, width, height);
    context.setTransform(ratio * k, 0, 0, ratio * k, ratio * transform.x, ratio * transform.y);
    const [x0, y0] = transform.invert([0, 0]), [x1, y1] = transform.invert([width, height]);
    const outside = (a, b) => Math.max(a.x, b.x) < x0 || Math.min(a.x, b.x) > x1 || Math.max(a.y, b.y) < y0 || Math.min(a.y, b.y) > y1;

    // Links in one path per width: thousands of strokes would cost a frame each.
    let drawnLinks = 0;
    const byWidth = new Map();
    for (const l of links) {
      if (!l.visible || outside(l.source, l.target)) continue;
      drawnLinks++;
      if (!byWidth.has(l.width)) byWidth.set(l.width, []);
      byWidth.get(l.width).push(l);
    }
    context.lineCap = "round";
    context.strokeStyle = "rgba(110,110,110,0.45)";
    byWidth.forEach((list, lineWidth) => {
      context.lineWidth = lineWidth;
      context.beginPath();
      for (const l of list) { context.moveTo(l.source.x, l.source.y); context.lineTo(l.target.x, l.target.y); }
      context.stroke();
    });
    const strong = selected && selected.source ? [selected] : selected ? selected.links.filter((l) => l.visible) : [];
    context.strokeStyle = "rgba(214,39,40,0.85)";
    for (const l of strong) {
      context.lineWidth = l.width + 1.5 / k;
      context.beginPath(); context.moveTo(l.source.x, l.source.y); context.lineTo(l.target.x, l.target.y); context.stroke();
    }

    let drawnNodes = 0;
    const colourBy = $("colour").value;
    const ring = 2 / Math.max(k, 0.5);
    for (const d of nodes) {
      if (!d.visible || d.x + d.r < x0 || d.x - d.r > x1 || d.y + d.r < y0 || d.y - d.r > y1) continue;
      drawnNodes++;
      const colour = colourBy === "community" ? d.colour : colourBy === "age" ? ageColour(d) : colourBy === "gender" ? genderColour(d) : "#3182bd";
      context.fillStyle = colour;
      context.beginPath(); context.arc(d.x, d.y, d.r + ring, 0, 2 * Math.PI); context.fill();
      const image = d.r * k >= 5 ? imageOf(d) : null;
      if (image) {
        context.save();
        context.beginPath(); context.arc(d.x, d.y, d.r, 0, 2 * Math.PI); context.clip();
        context.drawImage(image, d.x - d.r, d.y - d.r, 2 * d.r, 2 * d.r);
        context.restore();
      } else {
        context.fillStyle = "rgba(255,255,255,0.55)";
        context.beginPath(); context.arc(d.x, d.y, d.r, 0, 2 * Math.PI); context.fill();
      }
    }
    // Rings for search matches, the hovered and the selected person; names once they are legible.
    const outline = (d, colour, lineWidth) => {
      context.strokeStyle = colour; context.lineWidth = lineWidth / k;
      context.beginPath(); context.arc(d.x, d.y, d.r + ring + lineWidth / (2 * k), 0, 2 * Math.PI); context.stroke();
    };
    matches.forEach((d) => { if (d.visible) outline(d, "#ff7f0e", 3); });
    if (hovered && hovered.visible) outline(hovered, "#333", 2);
    if (selected && !selected.source) outline(selected, "#d62728", 3);
    context.fillStyle = "#222";
    context.textAlign = "center";
    context.font = (12 / k) + "px Helvetica, Arial, sans-serif";
    for (const d of nodes) {
      if (!d.visible || d.r * k < 14 || d.x < x0 || d.x > x1 || d.y < y0 || d.y > y1) continue;
      context.fillText(d.label, d.x, d.y + d.r + ring + 13 / k);
    }
    if (firstPaint) {
      firstPaint = false;
      canvas.dataset.drawnNodes = String(drawnNodes);
      canvas.dataset.drawnLinks = String(drawnLinks);
      canvas.dataset.firstRenderMs = String(Math.round(performance.now()));
    }
  }

  // Zoom and pan on the canvas; dragging a person moves them (the drag listener comes first and keeps the
  // press from the zoom when it lands on a person).
  const zoom = d3.zoom().scaleExtent([0.005, 20]).on("zoom", (a) => { transform = eventOf(a).transform; requestDraw(); });
  const drag = d3.drag().container(canvas)
    .subject((a) => {
      const e = eventOf(a), p = transform.invert([e.x, e.y]), d = personAt(p[0], p[1]);
      return d ? { person: d, x: e.x, y: e.y } : null;
    })
    .on("start", () => { canvas.style.cursor = "grabbing"; })
    .on("drag", (a) => {
      const e = eventOf(a), d = e.subject.person, p = transform.invert([e.x, e.y]);
      tree.remove(d); d.x = p[0]; d.y = p[1]; tree.add(d);
      requestDraw();
    })
    .on("end", () => { canvas.style.cursor = ""; });
  d3.select(canvas).call(drag).call(zoom).on("dblclick.zoom", null);

  function pointer(event) {
    const box = canvas.getBoundingClientRect();
    return transform.invert([event.clientX - box.left, event.clientY - box.top]);
  }
  canvas.addEventListener("mousemove", (event) => {
    const [x, y] = pointer(event);
    const d = personAt(x, y), l = d ? null : linkAt(x, y);
    if (d !== hovered) { hovered = d; requestDraw(); }
    if (!d && !l) { tooltip.style.display = "none"; return; }
    tooltip.textContent = "";
    const line = (text, bold) => { const div = document.createElement(bold ? "b" : "div"); div.textContent = text; tooltip.appendChild(div); };
    if (d) {
      line(d.label, true);
      line("id " + d.id + (data.communities > 0 ? ", community " + (d.c + 1) : ""));
      line(plural(d.photos, "photo") + ", " + plural(d.faces, "face"));
      line(plural(d.connections, "connection"));
      if (d.a != null) line(ageGenderText(d));
    } else {
      line(l.source.label + " and " + l.target.label, true);
      line(plural(l.w, "photo") + " together" + dates(l));
    }
    tooltip.style.display = "block";
    tooltip.style.left = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 4) + "px";
    tooltip.style.top = Math.min(event.clientY + 14, window.innerHeight - tooltip.offsetHeight - 4) + "px";
  });
  canvas.addEventListener("mouseleave", () => { tooltip.style.display = "none"; hovered = null; requestDraw(); });
  canvas.addEventListener("click", (event) => {
    const [x, y] = pointer(event);
    const d = personAt(x, y);
    if (d) showPerson(d); else { const l = linkAt(x, y); if (l) showLink(l); else closeDetails(); }
  });

  function dates(l) {
    if (!l.f) return "";
    const first = l.f.slice(0, 10), last = (l.l || l.f).slice(0, 10);
    return first === last ? ", " + first : ", " + first + " to " + last;
  }
  function element(tag, text, parent) {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    (parent || detailsBody).appendChild(e);
    return e;
  }
  // A link to a photo: the page's base, then each path segment percent-encoded (so no path can become a
  // "javascript:" or any other URL scheme).
  function photoList(indices) {
    element("h3", plural(indices.length, "photo"));
    const list = element("ul");
    indices.slice(0, 1000).forEach((i) => {
      const [path, taken] = photos[i];
      const item = element("li", undefined, list);
      const a = element("a", path, item);
      a.href = data.photoBase + path.split("/").map(encodeURIComponent).join("/");
      a.target = "_blank"; a.rel = "noopener";
      if (taken) element("span", " (" + taken + ")", item);
    });
    if (indices.length > 1000) element("li", "… and " + (indices.length - 1000) + " more", list);
  }
  function personLink(d, parent) {
    const span = element("span", d.label, parent);
    span.className = "person";
    span.addEventListener("click", () => focusOn(d));
    return span;
  }
  function showPerson(d) {
    selected = d;
    detailsBody.textContent = "";
    element("h2", d.label);
    element("div", "id " + d.id + " · " + plural(d.photos, "photo") + " · " + plural(d.faces, "face") + " · "
      + plural(d.connections, "connection") + " · community " + (d.c + 1));
    if (d.a != null) element("div", ageGenderText(d));
    if (data.measures.length) {
      element("h3", "Centralities");
      const list = element("ul");
      data.measures.forEach((m, i) => element("li", (measureTitles[m] || m) + ": " + (+d.m[i].toPrecision(4)), list));
    }
    const companions = d.links.slice().sort((a, b) => b.w - a.w);
    if (companions.length) {
      element("h3", "Appears with");
      const list = element("ul");
      companions.slice(0, 500).forEach((l) => {
        const item = element("li", undefined, list);
        personLink(l.source === d ? l.target : l.source, item);
        element("span", " (" + plural(l.w, "photo") + ")", item);
      });
      if (companions.length > 500) element("li", "… and " + (companions.length - 500) + " more", list);
    }
    photoList(d.p);
    details.hidden = false;
    requestDraw();
  }
  function showLink(l) {
    selected = l;
    detailsBody.textContent = "";
    const heading = element("h2");
    personLink(l.source, heading); element("span", " and ", heading); personLink(l.target, heading);
    element("div", plural(l.w, "photo") + " together" + dates(l));
    photoList(l.p);
    details.hidden = false;
    requestDraw();
  }
  function closeDetails() { selected = null; details.hidden = true; requestDraw(); }
  $("close").addEventListener("click", closeDetails);

  function focusOn(d) {
    showPerson(d);
    const k = Math.max(transform.k, Math.min(4, 40 / d.r));
    d3.select(canvas).transition().duration(500)
      .call(zoom.transform, d3.zoomIdentity.translate(width / 2 - k * d.x, height / 2 - k * d.y).scale(k));
  }

  const search = $("search"), matchList = $("matches");
  search.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    // Exact names and ids first, then the rest in their order.
    const exact = (d) => (String(d.id) === query || d.label.toLowerCase() === query ? 0 : 1);
    matches = query ? nodes.filter((d) => d.key.indexOf(query) >= 0).sort((a, b) => exact(a) - exact(b)) : [];
    matchList.textContent = "";
    matches.slice(0, 30).forEach((d) => {
      const item = document.createElement("li");
      item.textContent = d.label + " (id " + d.id + (d.visible ? "" : ", filtered out") + ")";
      item.addEventListener("click", () => focusOn(d));
      matchList.appendChild(item);
    });
    if (matches.length > 30) {
      const more = document.createElement("li");
      more.textContent = "… " + (matches.length - 30) + " more";
      matchList.appendChild(more);
    }
    requestDraw();
  });
  search.addEventListener("keydown", (event) => { if (event.key === "Enter" && matches.length) focusOn(matches[0]); });
  ["min-weight", "top-n", "measure", "hide-unlinked"].forEach((id) => $(id).addEventListener("input", applyFilters));
  ["measure", "hide-unlinked"].forEach((id) => $(id).addEventListener("change", applyFilters));
  $("colour").addEventListener("change", requestDraw);
  // Colours by apparent age and gender, offered when `extract --age-gender` estimated them.
  if (nodes.some((d) => d.a != null)) {
    for (const [value, text] of [["age", "by apparent age (blue young … red old)"], ["gender", "by gender (blue male … red female)"]]) {
      const option = document.createElement("option");
      option.value = value; option.textContent = text;
      $("colour").appendChild(option);
    }
  }
  function mix(t) {  // blue (#3182bd) at 0 to red (#de2d26) at 1
    t = Math.max(0, Math.min(1, t));
    const c = (a, b) => Math.round(a + (b - a) * t);
    return "rgb(" + c(0x31, 0xde) + "," + c(0x82, 0x2d) + "," + c(0xbd, 0x26) + ")";
  }
  function ageColour(d) { return d.a == null ? "#bbbbbb" : mix(d.a / 80); }
  function genderColour(d) { return d.g == null ? "#bbbbbb" : mix(d.g); }
  function ageGenderText(d) {
    return "apparent age " + Math.round(d.a) + " (median), gender " + d.g.toFixed(2) + " (mean; 0 male … 1 female)";
  }

  function resize() {
    ratio = window.devicePixelRatio || 1;
    width = window.innerWidth; height = window.innerHeight;
    canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio);
    requestDraw();
  }
  window.addEventListener("resize", resize);
  resize();
  applyFilters();
  // Open on everyone, fitted to the window (the control panel's width kept clear on the left).
  if (nodes.length) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach((d) => { x0 = Math.min(x0, d.x - d.r); y0 = Math.min(y0, d.y - d.r); x1 = Math.max(x1, d.x + d.r); y1 = Math.max(y1, d.y + d.r); });
    const left = width > 700 ? 290 : 0, pad = 20;
    const k = Math.min(2.5, (width - left - 2 * pad) / Math.max(1, x1 - x0), (height - 2 * pad) / Math.max(1, y1 - y0));
    d3.select(canvas).call(zoom.transform, d3.zoomIdentity
      .translate(left + (width - left) / 2 - k * (x0 + x1) / 2, height / 2 - k * (y0 + y1) / 2).scale(k));
  }
  draw();
})();
