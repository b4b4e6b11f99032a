// Nära, secure messaging (Modules/Messaging): a thread's new messages arrive live over the SignalR hub /hubs/messages,
// are added to the list and, from the other side, marked read. The page is rendered on the server; what a push adds
// is built with textContent only. Loaded by <PageScript> (Components/Shared/PageScript.razor).
import { whilePresent } from '../../VirtualCare/Components/MeetingPage.razor.js';

const clock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.floor(bytes / 1024)) + ' kB';
}

function render(list, m) {
    var mine = (list.dataset.side === 'staff') === m.fromStaff;
    var li = document.createElement('li');
    li.dataset.id = m.id;
    li.className = mine ? 'from-me' : 'from-care';
    var who = document.createElement('span');
    who.className = 'hint';
    who.textContent = m.author + ', ' + clock.format(new Date(m.at)).replace(',', '');
    li.appendChild(who);
    if (m.text) {
        var p = document.createElement('p');
        p.className = 'message-text';
        p.lang = 'sv';
        p.textContent = m.text;
        li.appendChild(p);
    }
    if (m.attachments && m.attachments.length) {
        var ul = document.createElement('ul');
        ul.className = 'attachments';
        m.attachments.forEach(function (a) {
            var item = document.createElement('li');
            var link = document.createElement('a');
            link.href = '/api/messages/attachments/' + a.id;
            link.target = '_blank';
            link.rel = 'noopener';
            link.textContent = (list.dataset.tAttachment || '') + ': ' + a.fileName;
            item.appendChild(link);
            item.appendChild(document.createTextNode(' (' + size(a.size) + ')'));
            ul.appendChild(item);
        });
        li.appendChild(ul);
    }
    return { li: li, mine: mine };
}

function watchThread(list) {
    var id = list.dataset.thread;
    var live = document.getElementById('thread-live');
    var hub = new signalR.HubConnectionBuilder().withUrl('/hubs/messages').withAutomaticReconnect().configureLogging(signalR.LogLevel.Warning).build();
    hub.on('message', function (threadId, m) {
        if (threadId !== id || list.querySelector('li[data-id="' + m.id + '"]')) {
            return;
        }
        var shown = render(list, m);
        list.appendChild(shown.li);
        if (!shown.mine) {
            if (live) { live.textContent = (list.dataset.tNew || '') + ' ' + m.author; }
            hub.invoke('MarkRead', id).catch(function (err) { console.warn(err); });
        }
    });
    hub.onreconnected(function () { return hub.invoke('WatchThread', id); });
    hub.start().then(function () { return hub.invoke('WatchThread', id); })
        .then(function () { list.dataset.live = 'true'; })
        .catch(function (err) { console.warn('Tråden uppdateras inte automatiskt', err); });
    return function () { hub.stop(); };
}

const page = whilePresent('thread-messages', watchThread);
export const { onLoad, onUpdate, onDispose } = page;
