// Nära, the plan (Modules/Coordination): "Skriv ut" prints the page with the print stylesheet (no navigation, no
// forms). Loaded by <PageScript> (Components/Shared/PageScript.razor); a button works without it as a plain button.
function print(event) {
    if (event.target.closest('[data-print]')) {
        window.print();
    }
}

export function onLoad() {
    document.addEventListener('click', print);
}

export function onDispose() {
    document.removeEventListener('click', print);
}
