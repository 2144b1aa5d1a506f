import { ATTACHMENT } from './attachment-names';

/**
 * A script for the HTML report: the transcript and the sequence diagram of a failed scenario open by
 * default, since they are what a reader of a failure looks at first; passed scenarios keep them folded.
 * Cucumber's report renders every attachment folded and builds its page in the browser (a feature's
 * scenarios appear when it is unfolded), so the script watches the page and opens each pair once, where
 * a failure attachment sits beside it; one a reader folds again stays folded.
 */
export const OPEN_FAILURES_SCRIPT = `<script>
(function () {
  var failure = ${JSON.stringify(ATTACHMENT.failure.fileName)};
  var opened = ${JSON.stringify([ATTACHMENT.transcriptText.fileName, ATTACHMENT.transcriptHtml.fileName, ATTACHMENT.diagram.fileName])};
  function nameOf(details) {
    var summary = details.querySelector(':scope > summary');
    return summary ? summary.textContent.trim() : '';
  }
  function openFailures() {
    var all = document.querySelectorAll('details');
    for (var i = 0; i < all.length; i++) {
      var details = all[i];
      if (details.dataset.wsbddSeen || nameOf(details) !== failure) continue;
      details.dataset.wsbddSeen = '1';
      // The attachments of a step are a list, each in an item of its own.
      var list = details.parentNode && details.parentNode.tagName === 'LI' ? details.parentNode.parentNode : details.parentNode;
      var siblings = list ? list.querySelectorAll(':scope > li > details, :scope > details') : [];
      for (var j = 0; j < siblings.length; j++) {
        if (opened.indexOf(nameOf(siblings[j])) >= 0) siblings[j].open = true;
      }
    }
  }
  new MutationObserver(openFailures).observe(document.body, { childList: true, subtree: true });
  openFailures();
})();
</script>
`;

/** The report's last bytes with the script added before the end of its body (or at the end, when there is none). */
export function withOpenFailures(lastChunk: Buffer): Buffer {
  const script = Buffer.from(OPEN_FAILURES_SCRIPT, 'utf8');
  const end = lastChunk.lastIndexOf('</body>');
  return end < 0 ? Buffer.concat([lastChunk, script]) : Buffer.concat([lastChunk.subarray(0, end), script, lastChunk.subarray(end)]);
}
