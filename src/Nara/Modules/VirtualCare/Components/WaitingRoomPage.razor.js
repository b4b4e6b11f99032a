// Nära, the clinician's waiting room (Modules/VirtualCare): reloads the list when a resident checks in or a meeting
// changes, over the SignalR hub /hubs/virtualcare. Loaded by <PageScript> (Components/Shared/PageScript.razor).
import { connect, whilePresent } from './MeetingPage.razor.js';

function watchWaitingRoom(room) {
    var hub = connect();
    var timer = null;
    var leaving = false;
    // A click on "Släpp in" posts the form and leaves for the meeting: a reload now would cancel that.
    window.addEventListener('submit', function () { leaving = true; });
    window.addEventListener('beforeunload', function () { leaving = true; });
    hub.on('waitingRoomChanged', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { if (!leaving) { location.reload(); } }, 300);
    });
    hub.onreconnected(function () { return hub.invoke('WatchWaitingRoom'); });
    hub.start().then(function () { return hub.invoke('WatchWaitingRoom'); })
        .then(function () { room.dataset.live = 'true'; })
        .catch(function (err) { console.warn('Väntrummet uppdateras inte automatiskt', err); });
    return function () {
        leaving = true;
        hub.stop();
    };
}

const page = whilePresent('vc-waiting-room', watchWaitingRoom);
export const { onLoad, onUpdate, onDispose } = page;
