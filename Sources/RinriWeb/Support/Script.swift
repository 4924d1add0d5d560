import Foundation
import Vapor

/// The small script that saves an assessment sheet when a choice changes, so the questions that
/// now apply appear at once, and that starts the header's menu collapsed on phones. Pages work
/// without it (the Save button does the same; the menu simply stays open).
enum Script {
    static let source = """
    (function () {
      function collapseMenuOnPhones() {
        if (!window.matchMedia || !window.matchMedia('(max-width: 48rem)').matches) return;
        document.querySelectorAll('details.menu').forEach(function (menu) { menu.removeAttribute('open'); });
      }
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', collapseMenuOnPhones);
      else collapseMenuOnPhones();
    })();
    document.addEventListener('change', function (event) {
      var form = event.target.closest('form[data-autosave]');
      if (!form || event.target.type === 'file') return;
      if (event.target.matches('textarea, input[type=text], input[type=number], input[type=date]')) return;
      var anchor = form.querySelector('input[name=anchor]');
      var box = event.target.closest('[id^="q-"]');
      if (anchor && box) anchor.value = box.id;
      form.requestSubmit ? form.requestSubmit() : form.submit();
    });
    """

    static func response() -> Response {
        let response = Response(status: .ok, body: .init(string: source))
        response.headers.replaceOrAdd(name: .contentType, value: "text/javascript; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}
