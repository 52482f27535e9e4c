// Click-to-load video players: the third-party player (and its cookies) loads only when the
// visitor asks for it. Without JavaScript the page keeps a plain link to the provider.
(function () {
  "use strict";
  var facades = document.querySelectorAll(".video-facade[data-player-src]");
  Array.prototype.forEach.call(facades, function (facade) {
    var button = facade.querySelector(".video-facade__button");
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var src = facade.getAttribute("data-player-src");
      if (!/^https:\/\//.test(src)) { return; }
      var iframe = document.createElement("iframe");
      iframe.src = src;
      iframe.title = facade.getAttribute("data-player-title") || "Vidéo";
      iframe.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      iframe.allowFullscreen = true;
      var screen = facade.querySelector(".video-facade__screen");
      screen.textContent = "";
      screen.appendChild(iframe);
      iframe.focus();
    });
  });
})();
