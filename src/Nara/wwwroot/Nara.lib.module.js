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
