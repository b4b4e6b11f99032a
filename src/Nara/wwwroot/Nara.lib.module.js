// Nära's Blazor JS initializer (blazor.web.js loads {assembly}.lib.module.js by itself).
//
// A component's script lives beside it, as Name.razor.js (house rule 11), and the page includes it with
// <PageScript Src="..."/>, which renders a <page-script> element. The script is an ES module that may export
//   onLoad()    when the page appears: a full load, or Blazor's enhanced navigation to it;
//   onUpdate()  when an enhanced navigation or form post renders the page again;
//   onDispose() when the page goes.
// Pages are rendered on the server (static SSR), so this is how a page's script starts and stops under enhanced
// navigation without a script tag in App.razor for every module.
const scripts = new Map();

function load(src) {
    let entry = scripts.get(src);
    if (!entry) {
        entry = { module: null, count: 0, loading: null };
        scripts.set(src, entry);
        entry.loading = import(new URL(src, document.baseURI).href).then(module => {
            entry.module = module;
            if (entry.count > 0) {
                module.onLoad?.();
            }
        }).catch(err => console.warn('Sidans skript kunde inte laddas', src, err));
    } else if (entry.count === 0 && entry.module) {
        entry.module.onLoad?.();
    }
    entry.count++;
}

function unload(src) {
    const entry = scripts.get(src);
    if (!entry || entry.count === 0) {
        return;
    }
    entry.count--;
    if (entry.count === 0) {
        entry.module?.onDispose?.();
    }
}

export function afterWebStarted(blazor) {
    startSharedBehaviour(blazor);
    customElements.define('page-script', class extends HTMLElement {
        static observedAttributes = ['src'];

        connectedCallback() {
            this.sync();
        }

        attributeChangedCallback() {
            if (this.isConnected) {
                this.sync();
            }
        }

        disconnectedCallback() {
            if (this.current) {
                unload(this.current);
                this.current = null;
            }
        }

        // Enhanced navigation may keep the element and change its src: the old page's script goes, the new one starts.
        sync() {
            const src = this.getAttribute('src');
            if (src === this.current) {
                return;
            }
            if (this.current) {
                unload(this.current);
            }
            this.current = src;
            if (src) {
                load(src);
            }
        }
    });
    blazor.addEventListener('enhancedload', () => {
        for (const entry of scripts.values()) {
            if (entry.count > 0) {
                entry.module?.onUpdate?.();
            }
        }
    });
}

// ---- Behaviour every page shares (started once; kept up to date under enhanced navigation) ----

// Tables with three or more columns become stacked lists on a phone (see app.css, table.stacked): each cell is given its
// column's name to show before it, and explicit table roles, so that assistive technology still meets a table when
// CSS displays its parts as blocks.
function stackTables(root = document) {
    for (const table of root.querySelectorAll('main table')) {
        const headers = [...(table.tHead?.rows[0]?.cells ?? [])].map(th => th.textContent.trim());
        if (headers.length < 3 || table.classList.contains('no-stack')) {
            continue;
        }
        setIfChanged(table, 'role', 'table');
        if (!table.classList.contains('stacked')) {
            table.classList.add('stacked');
        }
        for (const group of [table.tHead, ...table.tBodies, table.tFoot]) {
            if (group) setIfChanged(group, 'role', 'rowgroup');
        }
        for (const row of table.rows) {
            setIfChanged(row, 'role', 'row');
            let column = 0;
            for (const cell of row.cells) {
                if (cell.tagName === 'TH') {
                    setIfChanged(cell, 'role', cell.closest('thead') ? 'columnheader' : 'rowheader');
                } else {
                    setIfChanged(cell, 'role', 'cell');
                    const label = headers[column];
                    if (label && !cell.closest('thead')) setIfChanged(cell, 'data-label', label);
                }
                column += cell.colSpan || 1;
            }
        }
    }
}

function setIfChanged(element, name, value) {
    if (element.getAttribute(name) !== value) {
        element.setAttribute(name, value);
    }
}

// After a form is sent, what the page says about it (an error, or that it went well) may be far above or below where
// the person is: it is brought into view and given focus, so a screen reader reads it and nothing seems to do nothing.
let formSent = false;

function showOutcome() {
    if (!formSent) {
        return;
    }
    formSent = false;
    const main = document.querySelector('main');
    const outcome = main?.querySelector('[role="alert"], .error, [aria-invalid="true"], [role="status"]:not(:empty), .notice[data-outcome]');
    if (!outcome) {
        return;
    }
    const target = outcome;
    if (!target.matches('input, select, textarea, button, a[href]') && !target.hasAttribute('tabindex')) {
        target.setAttribute('tabindex', '-1');
    }
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
}

// Destructive actions ask first: a submit button (or its form) with data-confirm shows a dialog that says what will
// happen; the form is sent only on yes. data-confirm-yes names the yes button (default "Ja").
function confirmDialog(message, yes, no) {
    return new Promise(resolve => {
        const dialog = document.createElement('dialog');
        dialog.className = 'confirm-dialog';
        dialog.setAttribute('aria-labelledby', 'confirm-dialog-text');
        const text = document.createElement('p');
        text.id = 'confirm-dialog-text';
        text.textContent = message;
        const row = document.createElement('div');
        row.className = 'button-row';
        const yesButton = document.createElement('button');
        yesButton.type = 'button';
        yesButton.className = 'danger';
        yesButton.textContent = yes;
        const noButton = document.createElement('button');
        noButton.type = 'button';
        noButton.className = 'secondary';
        noButton.textContent = no;
        row.append(yesButton, noButton);
        dialog.append(text, row);
        document.body.append(dialog);
        const close = answer => {
            dialog.close();
            dialog.remove();
            resolve(answer);
        };
        yesButton.addEventListener('click', () => close(true));
        noButton.addEventListener('click', () => close(false));
        dialog.addEventListener('cancel', e => { e.preventDefault(); close(false); });
        dialog.showModal();
        noButton.focus();
    });
}

const english = () => document.documentElement.lang === 'en';

async function onSubmit(event) {
    const form = event.target;
    const submitter = event.submitter;
    const source = submitter?.hasAttribute('data-confirm') ? submitter : form.hasAttribute?.('data-confirm') ? form : null;
    if (source && !form.dataset.confirmed) {
        event.preventDefault();
        event.stopImmediatePropagation();
        const yes = source.getAttribute('data-confirm-yes') || (english() ? 'Yes' : 'Ja');
        const no = source.getAttribute('data-confirm-no') || (english() ? 'No, go back' : 'Nej, gå tillbaka');
        if (await confirmDialog(source.getAttribute('data-confirm'), yes, no)) {
            form.dataset.confirmed = 'yes';
            try {
                form.requestSubmit(submitter ?? undefined);
            } finally {
                delete form.dataset.confirmed;
            }
        } else {
            submitter?.focus();
        }
        return;
    }
    formSent = true;
    sessionStorage.setItem('nara-form-sent', '1');
}

// Charts (Chart.razor): each canvas with data-chart is drawn by Chart.js, loaded from the site the first time a page has
// a chart. A canvas whose configuration is unchanged is left as drawn; a changed one is drawn again.
let chartLibrary = null;

function loadChartLibrary(src) {
    chartLibrary ??= new Promise((resolve, reject) => {
        if (window.Chart) {
            resolve(window.Chart);
            return;
        }
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve(window.Chart);
        script.onerror = () => { chartLibrary = null; reject(new Error('Diagrambiblioteket kunde inte laddas')); };
        document.head.append(script);
    });
    return chartLibrary;
}

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

async function drawCharts() {
    const canvases = [...document.querySelectorAll('canvas[data-chart]')];
    if (canvases.length === 0) {
        return;
    }
    let Chart;
    try {
        Chart = await loadChartLibrary(canvases[0].getAttribute('data-chart-lib'));
    } catch (err) {
        console.warn(err.message);
        return;
    }
    for (const canvas of canvases) {
        const json = canvas.getAttribute('data-chart');
        const drawn = Chart.getChart(canvas);
        if (drawn && canvas.naraChart === json) {
            continue;
        }
        drawn?.destroy();
        const config = JSON.parse(json);
        if (config.nara?.percent) {
            config.options.scales[config.nara.valueAxis].ticks = { callback: value => `${value} %` };
            config.options.plugins.tooltip = { callbacks: { label: item => `${item.dataset.label}: ${item.formattedValue} %` } };
        }
        if (reducedMotion.matches) {
            // People who have asked their system for less motion get the chart drawn at once, without its animation.
            config.options = { ...config.options, animation: false };
        }
        canvas.naraChart = json;
        new Chart(canvas, config);
    }
    document.documentElement.dataset.naraCharts = String(canvases.length);
}

function startSharedBehaviour(blazor) {
    window.addEventListener('submit', onSubmit, true);
    const refresh = () => {
        stackTables();
        drawCharts();
    };
    refresh();
    if (sessionStorage.getItem('nara-form-sent')) {
        // A form sent without enhanced navigation: the new page has loaded.
        formSent = true;
    }
    sessionStorage.removeItem('nara-form-sent');
    showOutcome();
    // For browser tests: the shared behaviour has run on this page.
    document.documentElement.dataset.naraReady = '1';
    blazor.addEventListener('enhancedload', () => {
        sessionStorage.removeItem('nara-form-sent');
        refresh();
        showOutcome();
    });
    // Interactive pages (such as /analys) render after load: their tables are stacked as they appear.
    let pending = false;
    new MutationObserver(() => {
        if (!pending) {
            pending = true;
            requestAnimationFrame(() => { pending = false; refresh(); });
        }
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-chart'] });
}
