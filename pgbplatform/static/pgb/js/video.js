// Video pages: the player starts at ?t= (browsers that ignore the #t= media fragment too), and a
// transcript timestamp plays the video from there instead of reloading the page. Without JavaScript the
// timestamps are plain links to ?t=, which the server turns into the player's start.
(function () {
  "use strict";
  // A video on YouTube or Vimeo: nothing is loaded from there until the visitor presses the button;
  // then the player takes the placeholder's place. Without JavaScript the button links to the video there.
  var external = document.querySelector("[data-pgb-external]");
  if (external) {
    var button = external.querySelector("[data-pgb-load-video]");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.className = "pgb-video__frame";
      frame.src = external.getAttribute("data-pgb-embed");
      frame.title = external.getAttribute("data-pgb-embed-title");
      frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
      frame.setAttribute("allowfullscreen", "");
      external.querySelector(".pgb-video__placeholder").replaceWith(frame);
      frame.focus();
    });
  }
  var video = document.querySelector("video[data-pgb-video]");
  if (!video) { return; }
  var start = parseInt(video.getAttribute("data-pgb-start"), 10) || 0;

  function seek(second) {
    if (video.readyState >= 1) {
      video.currentTime = second;
    } else {
      video.addEventListener("loadedmetadata", function () { video.currentTime = second; }, { once: true });
    }
  }

  if (start > 0) {  // a search hit in the video: start there and show its line of the transcript
    seek(start);
    var current = null;
    document.querySelectorAll("[data-pgb-cue-start]").forEach(function (cue) {
      if ((parseInt(cue.getAttribute("data-pgb-cue-start"), 10) || 0) <= start) { current = cue; }
    });
    if (current) {
      current.classList.add("pgb-transcript__cue--current");
      current.scrollIntoView({ block: "nearest" });
    }
  }

  document.querySelectorAll("[data-pgb-seek]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var second = parseInt(link.getAttribute("data-pgb-seek"), 10) || 0;
      event.preventDefault();
      seek(second);
      video.play().catch(function () { /* autoplay refused: the visitor presses play */ });
      video.focus();
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", "?t=" + second);
      }
    });
  });
})();
