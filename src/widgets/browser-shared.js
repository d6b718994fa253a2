/*
 * Shared by localpay's Widgets.js and checkout.js (src/widgets/widgets-asset.ts serves this file
 * inside each script's closure): where localpay is (the origin the script was loaded from), DOM
 * building, and sending the buyer to one of localpay's pages.
 */
// eslint-disable-next-line no-redeclare, @typescript-eslint/no-unused-vars -- read by the script served after it
var LOCALPAY = (function () {
  var script = document.currentScript;
  var base = script && script.src ? new URL(script.src).origin : window.location.origin;

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    // One choice per line, whatever the merchant's stylesheet says about labels.
    if (tag === 'label') el.style.display = 'block';
    Object.keys(attributes || {}).forEach(function (name) {
      el.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /**
   * A top-level POST navigation to a localpay page (the buyer window): the fields travel in the
   * body, never in a URL, and the page decides where the buyer goes next.
   */
  function navigate(path, fields) {
    var form = element('form', { method: 'post', action: base + path });
    form.style.display = 'none';
    Object.keys(fields).forEach(function (name) {
      var value = fields[name];
      if (value === undefined || value === null) return;
      var input = element('input', { type: 'hidden', name: name });
      input.value = String(value);
      form.appendChild(input);
    });
    document.body.appendChild(form);
    form.submit();
  }

  function call(fn) {
    if (typeof fn === 'function') fn.apply(null, Array.prototype.slice.call(arguments, 1));
  }

  return { base: base, element: element, navigate: navigate, call: call };
})();
