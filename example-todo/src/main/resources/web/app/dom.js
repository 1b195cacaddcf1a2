// Small DOM helpers: element creation, keyed list updates, ids.

/** Creates an element: properties for on* handlers and booleans, attributes for the rest. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name.startsWith("on") || typeof value === "boolean" || name === "value") el[name] = value;
    else if (value != null) el.setAttribute(name, value);
  }
  el.append(...children.filter((c) => c != null));
  return el;
}

/**
 * Makes a list show items in order, keeping the element of each item whose signature is unchanged (an open
 * edit form keeps its input and focus while other rows change).
 */
export function reconcile(list, items, signature, render) {
  const old = new Map([...list.children].map((el) => [el.dataset.id, el]));
  let cursor = list.firstElementChild;
  for (const item of items) {
    const sig = signature(item);
    const existing = old.get(item.id);
    old.delete(item.id);
    let el = existing;
    if (!existing || existing.dataset.sig !== sig) {
      el = render(item);
      el.dataset.id = item.id;
      el.dataset.sig = sig;
      if (existing) {
        if (cursor === existing) cursor = existing.nextElementSibling;
        existing.remove();
      }
    }
    if (el === cursor) cursor = cursor.nextElementSibling;
    else list.insertBefore(el, cursor);
  }
  for (const el of old.values()) el.remove();
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new id, `<prefix>_<ULID>`: time-ordered and random, as the server makes its own. */
export function newId(prefix) {
  let time = Date.now();
  let text = "";
  for (let i = 0; i < 10; i++, time = Math.floor(time / 32)) text = CROCKFORD[time % 32] + text;
  const random = crypto.getRandomValues(new Uint8Array(16));
  for (const byte of random) text += CROCKFORD[byte % 32];
  return `${prefix}_${text}`;
}
