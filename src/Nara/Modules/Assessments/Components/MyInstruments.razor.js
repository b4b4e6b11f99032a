// Nära, the person's questionnaire (Modules/Assessments): on a narrow screen the form shows one question at a time, with
// "Nästa" and "Föregående" and where you are ("Fråga 3 av 9"); on a wider screen, and without this script, the whole
// form. After a post with a question left out, it opens at the first question that needs an answer.
const narrow = window.matchMedia('(max-width: 40em)');
let current = 0;

function form() {
    return document.querySelector('form[data-stepper]');
}

function render() {
    const f = form();
    if (!f) return;
    const steps = [...f.querySelectorAll('fieldset.step')];
    const nav = f.querySelector('.stepper-nav');
    const submit = f.querySelector('button[type=submit]');
    if (!narrow.matches || steps.length < 2) {
        steps.forEach(s => s.hidden = false);
        if (nav) nav.hidden = true;
        submit.hidden = false;
        return;
    }
    current = Math.max(0, Math.min(current, steps.length - 1));
    steps.forEach((s, i) => s.hidden = i !== current);
    nav.hidden = false;
    nav.querySelector('[data-step=back]').disabled = current === 0;
    nav.querySelector('[data-step=next]').hidden = current === steps.length - 1;
    nav.querySelector('.stepper-progress').textContent = f.dataset.progress.replace('{0}', current + 1).replace('{1}', steps.length);
    submit.hidden = current !== steps.length - 1;
}

function build() {
    const f = form();
    if (!f || f.querySelector('.stepper-nav')) return;
    const nav = document.createElement('div');
    nav.className = 'stepper-nav';
    nav.innerHTML = '<p class="stepper-progress" aria-live="polite"></p>'
        + '<button type="button" class="secondary" data-step="back"></button> <button type="button" class="primary" data-step="next"></button>';
    nav.querySelector('[data-step=back]').textContent = f.dataset.back;
    nav.querySelector('[data-step=next]').textContent = f.dataset.next;
    f.querySelector('button[type=submit]').before(nav);
    const steps = [...f.querySelectorAll('fieldset.step')];
    const invalid = steps.findIndex(s => s.dataset.invalid === 'true');
    current = invalid >= 0 ? invalid : 0;
    render();
}

function move(event) {
    const button = event.target.closest('form[data-stepper] [data-step]');
    if (!button) return;
    current += button.dataset.step === 'next' ? 1 : -1;
    render();
    form().querySelectorAll('fieldset.step')[current]?.querySelector('input')?.focus();
}

export function onLoad() {
    build();
    document.addEventListener('click', move);
    narrow.addEventListener('change', render);
}

export function onUpdate() {
    build();
}

export function onDispose() {
    document.removeEventListener('click', move);
    narrow.removeEventListener('change', render);
}
