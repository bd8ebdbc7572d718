/*
 * Kubelab embed (DESIGN.md contract 3). On a host page:
 *
 *   <div data-kube-lab="apply"></div>            a lesson, or "playground" for a free sandbox
 *   <script src="https://LAB/embed.js" async></script>
 *
 * Each such element gets an iframe of the lab served next to this script. To script it:
 *
 *   const lab = KubeLab.connect(document.querySelector('[data-kube-lab]'));
 *   await lab.ready;
 *   await lab.kubectl({ command: 'kubectl get pods' });   // → {stdout, stderr, exitCode}
 *   lab.on('check', (event) => …);
 *
 * Calls travel as {type: "kubelab:call", id, method, params} and come back as
 * {type: "kubelab:result", id, result | error}; the lab announces {type: "kubelab:event", event}.
 * Messages go to the lab's origin only, and only messages from that origin and that frame are
 * read. Nothing is fetched from anywhere else. A host page opened from file:// has no origin to
 * answer to, so its labs run but cannot be scripted.
 */
/* global window, document, location, URL, MutationObserver */
(function () {
  'use strict';
  if (window.KubeLab) return;

  var script = document.currentScript;
  var labBase = new URL('.', script && script.src ? script.src : location.href);
  var labOrigin = labBase.origin;
  var methods = ['status', 'advance', 'kubectl', 'addNode', 'failNode', 'recoverNode', 'reset', 'lessons', 'startLesson', 'checks'];
  /** iframe → its connection state */
  var connections = new Map();
  var nextId = 1;

  function stateOf(iframe) {
    var state = connections.get(iframe);
    if (!state) {
      var markReady;
      state = { ready: false, pending: new Map(), listeners: {}, readyPromise: new Promise(function (resolve) { markReady = resolve; }) };
      state.markReady = markReady;
      connections.set(iframe, state);
    }
    return state;
  }

  function labUrl(lesson) {
    var hash = lesson === 'playground' ? 'playground' : 'lesson=' + encodeURIComponent(lesson);
    // The lab answers only this origin ("null" for file:// pages: then it stays unscripted).
    return new URL('index.html#' + hash + '&embed=' + encodeURIComponent(location.origin), labBase).href;
  }

  function upgrade(element) {
    if (element.tagName === 'IFRAME' || element.querySelector('iframe[data-kube-lab-frame]')) return;
    var lesson = element.getAttribute('data-kube-lab') || 'playground';
    var iframe = document.createElement('iframe');
    iframe.setAttribute('data-kube-lab-frame', '');
    iframe.title = 'Kubelab: ' + lesson;
    iframe.src = labUrl(lesson);
    iframe.loading = 'lazy';
    iframe.allow = 'clipboard-write';
    iframe.style.cssText = 'width:100%;border:1px solid #d5d9e0;border-radius:6px;height:' + (element.getAttribute('data-height') || '640px');
    stateOf(iframe);
    element.appendChild(iframe);
  }

  function upgradeAll(root) {
    var elements = (root || document).querySelectorAll('[data-kube-lab]');
    for (var i = 0; i < elements.length; i++) upgrade(elements[i]);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== labOrigin) return;
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    connections.forEach(function (state, iframe) {
      if (event.source !== iframe.contentWindow) return;
      if (data.type === 'kubelab:result') {
        var call = state.pending.get(data.id);
        if (!call) return;
        state.pending.delete(data.id);
        if ('error' in data) call.reject(new Error(String(data.error)));
        else call.resolve(data.result);
      } else if (data.type === 'kubelab:event') {
        if (data.event === 'ready') {
          state.ready = true;
          state.markReady();
        }
        (state.listeners[data.event] || []).forEach(function (listener) { listener(data); });
      }
    });
  });

  function frameOf(element) {
    if (element && element.tagName === 'IFRAME') return element;
    var iframe = element && element.querySelector('iframe[data-kube-lab-frame]');
    if (!iframe && element && element.hasAttribute('data-kube-lab')) {
      upgrade(element);
      iframe = element.querySelector('iframe[data-kube-lab-frame]');
    }
    if (!iframe) throw new Error('KubeLab.connect: not a [data-kube-lab] element or its iframe');
    return iframe;
  }

  /** The control API of one embedded lab, over postMessage. */
  function connect(element) {
    var iframe = frameOf(element);
    var state = stateOf(iframe);
    var lab = {
      ready: state.readyPromise,
      on: function (event, listener) {
        (state.listeners[event] = state.listeners[event] || []).push(listener);
        return function () {
          state.listeners[event] = state.listeners[event].filter(function (l) { return l !== listener; });
        };
      },
    };
    methods.forEach(function (method) {
      lab[method] = function (params) {
        return state.readyPromise.then(function () {
          return new Promise(function (resolve, reject) {
            var id = 'kl-' + nextId++;
            state.pending.set(id, { resolve: resolve, reject: reject });
            iframe.contentWindow.postMessage({ type: 'kubelab:call', id: id, method: method, params: params === undefined ? {} : params }, labOrigin);
          });
        });
      };
    });
    return Object.freeze(lab);
  }

  window.KubeLab = Object.freeze({ connect: connect, upgrade: upgradeAll });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { upgradeAll(); });
  else upgradeAll();
  // Pages that add labs later (single-page doc sites).
  new MutationObserver(function () { upgradeAll(); }).observe(document.documentElement, { childList: true, subtree: true });
})();
