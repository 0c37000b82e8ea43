/*
 * BatchNorm Explorer embed element, for host pages (blogs, course pages): load this script, then
 *   <bn-explorer preset="lr-x30" view="fig1" controls="play,reset" theme="dark"></bn-explorer>
 * Each element becomes an iframe of the app next to this script (same origin, same folder), with
 * embed=1 and the element's attributes as the link's options (learning-rate="2" gives
 * learningRate=2: HTML lowercases attribute names, so settings are written in kebab-case).
 * `title` names the iframe; `height` is its height until the embed reports its own. The iframe
 * then takes the height the embed posts ({ type: 'bn-explorer:resize', height }), from that
 * iframe only. Plain script, no dependencies; it fetches nothing itself.
 */
(function () {
  'use strict';
  if (typeof window === 'undefined' || !window.customElements || window.customElements.get('bn-explorer')) return;

  var MESSAGE = 'bn-explorer:resize';
  var MAX_HEIGHT = 20000;
  var DEFAULT_HEIGHT = 480;
  /** Attributes that style or name the element, never passed to the app. */
  var OWN = ['class', 'id', 'style', 'title', 'height', 'hidden', 'slot', 'lang', 'dir', 'tabindex', 'embed', 'is'];

  /** The folder this script was loaded from (the app's folder). */
  function scriptFolder() {
    var script = document.currentScript;
    if (!script || !script.src) {
      var scripts = document.querySelectorAll('script[src]');
      for (var i = scripts.length - 1; i >= 0; i--) {
        if (/(^|\/)embed\.js(\?|#|$)/.test(scripts[i].getAttribute('src') || '')) { script = scripts[i]; break; }
      }
    }
    return new URL('./', script && script.src ? script.src : window.location.href);
  }
  var folder = scriptFolder();

  /** `learning-rate` -> `learningRate`. */
  function camel(name) {
    return name.replace(/-([a-z0-9])/g, function (_, c) { return c.toUpperCase(); });
  }

  /** The app's address for `element`: the folder (its index.html on a file share), embed=1, then the attributes. */
  function frameSource(element) {
    var url = new URL(folder.href);
    if (url.protocol === 'file:') url.pathname += 'index.html';
    var params = new URLSearchParams();
    params.set('embed', '1');
    for (var i = 0; i < element.attributes.length; i++) {
      var attr = element.attributes[i];
      var name = attr.name.toLowerCase();
      if (OWN.indexOf(name) >= 0 || name.indexOf('aria-') === 0 || name.indexOf('data-') === 0 || name.indexOf('on') === 0) continue;
      params.append(camel(name), attr.value);
    }
    url.search = params.toString();
    url.hash = '';
    return url.href;
  }

  /** A height the iframe may take: a finite number of px within 0..MAX_HEIGHT, or null. */
  function validHeight(value) {
    return typeof value === 'number' && isFinite(value) && value >= 0 && value <= MAX_HEIGHT ? Math.ceil(value) : null;
  }

  class BnExplorer extends HTMLElement {
    connectedCallback() {
      if (!this.style.display) this.style.display = 'block';
      if (!this.frame) {
        var frame = document.createElement('iframe');
        frame.setAttribute('loading', 'lazy');
        frame.setAttribute('width', '100%');
        frame.style.border = '0';
        frame.style.width = '100%';
        frame.style.maxWidth = '100%';
        frame.style.display = 'block';
        var height = validHeight(Number(this.getAttribute('height')));
        frame.style.height = (height ? height : DEFAULT_HEIGHT) + 'px';
        this.frame = frame;
        this.update();
        this.appendChild(frame);
      }
      if (!this.onMessage) this.onMessage = this.receive.bind(this);
      window.addEventListener('message', this.onMessage);
      if (!this.watcher && typeof MutationObserver === 'function') {
        this.watcher = new MutationObserver(this.update.bind(this));
        this.watcher.observe(this, { attributes: true });
      }
    }

    disconnectedCallback() {
      if (this.onMessage) window.removeEventListener('message', this.onMessage);
    }

    /** Point the iframe at the element's current attributes, and name it. */
    update() {
      if (!this.frame) return;
      var preset = this.getAttribute('preset');
      this.frame.title = this.getAttribute('title') || 'BatchNorm Explorer' + (preset ? ': ' + preset : '');
      var src = frameSource(this);
      if (this.frame.getAttribute('src') !== src) this.frame.setAttribute('src', src);
    }

    /** Apply a resize message if it comes from this element's own iframe and holds a usable height. */
    receive(event) {
      if (!this.frame || !event.source || event.source !== this.frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.type !== MESSAGE) return;
      var height = validHeight(data.height);
      if (height !== null) this.frame.style.height = height + 'px';
    }
  }

  window.customElements.define('bn-explorer', BnExplorer);
})();
