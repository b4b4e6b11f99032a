// Nära, secure messaging (Modules/Messaging): the unit's message list reloads when its threads change (a new message,
// a thread taken or closed), over the SignalR hub /hubs/messages. The unit's channel carries no personal data: the
// page reloads to see what changed. Loaded by <PageScript> (Components/Shared/PageScript.razor).
import { whilePresent } from '../../VirtualCare/Components/MeetingPage.razor.js';

function watchInbox() {
    var hub = new signalR.HubConnectionBuilder().withUrl('/hubs/messages').withAutomaticReconnect().configureLogging(signalR.LogLevel.Warning).build();
    var timer = null;
    var leaving = false;
    window.addEventListener('submit', function () { leaving = true; });
    window.addEventListener('beforeunload', function () { leaving = true; });
    hub.on('threadsChanged', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { if (!leaving) { location.reload(); } }, 500);
    });
    hub.onreconnected(function () { return hub.invoke('WatchInbox'); });
    hub.start().then(function () { return hub.invoke('WatchInbox'); })
        .catch(function (err) { console.warn('Meddelandelistan uppdateras inte automatiskt', err); });
    return function () { leaving = true; hub.stop(); };
}

const page = whilePresent('unit-messages', watchInbox);
export const { onLoad, onUpdate, onDispose } = page;
