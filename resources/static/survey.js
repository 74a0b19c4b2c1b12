// Keeps a survey's answers on this device while it is being filled in, so that a reload, a
// dropped connection or a closed tab loses nothing: every choice is saved in the browser's
// sessionStorage (this tab only, gone when the tab closes) and put back when the form is shown
// again; answers of other parts come back as the hidden fields the form carries. Nothing is
// sent anywhere until the person sends the form, and the thanks page clears what was saved.
// The form works the same without this script.
(function () {
  'use strict';
  const form = document.querySelector('form[data-survey]');
  const thanks = document.querySelector('[data-survey-sent]');
  let storage;
  try {
    storage = window.sessionStorage;
  } catch (blocked) {
    return;  // storage switched off: the form still works, only without this help
  }
  if (thanks) {
    // Sent: forget every form of this kind kept in this tab ("ita-survey:/s", "ita-survey:/e/A1").
    const prefix = 'ita-survey:' + thanks.getAttribute('data-survey-sent');
    for (let index = storage.length - 1; index >= 0; --index) {
      const name = storage.key(index);
      if (name && name.startsWith(prefix)) storage.removeItem(name);
    }
    return;
  }
  if (!form) return;
  const key = 'ita-survey:' + form.getAttribute('data-survey');
  const read = () => {
    try {
      return JSON.parse(storage.getItem(key) || '{}');
    } catch (broken) {
      return {};
    }
  };
  const saved = read();
  // What the page already holds wins (it came from the server with this very form).
  for (const input of form.querySelectorAll('input[type=radio]:checked, input[type=hidden][data-answer]'))
    saved[input.name] = input.value;
  for (const [name, value] of Object.entries(saved)) {
    const choices = form.querySelectorAll('input[type=radio][name="' + CSS.escape(name) + '"]');
    if (choices.length) {
      for (const choice of choices) if (choice.value === value && !form.querySelector('input[type=radio][name="' + CSS.escape(name) + '"]:checked')) choice.checked = true;
    } else if (!form.querySelector('input[type=hidden][name="' + CSS.escape(name) + '"]')) {
      const carried = document.createElement('input');
      carried.type = 'hidden';
      carried.name = name;
      carried.value = value;
      carried.setAttribute('data-answer', '');
      form.appendChild(carried);
    }
  }
  storage.setItem(key, JSON.stringify(saved));
  form.addEventListener('change', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'radio') return;
    const now = read();
    now[input.name] = input.value;
    storage.setItem(key, JSON.stringify(now));
  });
})();
