// Nära, digital care meetings (Modules/VirtualCare): a meeting's WebRTC call and chat, on the meeting page. Signalling
// goes over the SignalR hub /hubs/virtualcare; audio and video go peer to peer between the browsers. The page is
// rendered on the server with the meeting's state; when the state changes the page reloads. The SignalR client is
// fetched only on the meeting and waiting room pages. Loaded by <PageScript> (Components/Shared/PageScript.razor).

export function connect() {
    return new signalR.HubConnectionBuilder()
        .withUrl('/hubs/virtualcare')
        .withAutomaticReconnect()
        .configureLogging(signalR.LogLevel.Warning)
        .build();
}

export function withSignalR(then) {
    if (window.signalR) {
        then();
        return;
    }
    var script = document.createElement('script');
    script.src = 'lib/signalr/signalr.min.js';
    script.onload = then;
    document.head.appendChild(script);
}

function startMeeting(root) {
    var id = root.dataset.appointmentId;
    var state = root.dataset.state;
    var role = root.dataset.role;
    var isVideo = root.dataset.kind === 'Video';
    if (root.dataset.participant !== 'true' || (state !== 'Vantar' && state !== 'Pagar')) {
        return function () { };
    }
    var iceServers = JSON.parse(root.dataset.ice || '[]');
    var status = document.getElementById('vc-status');
    var messages = document.getElementById('vc-messages');
    var hub = connect();
    var pc = null;
    var local = null;
    var pending = [];
    var closed = false;
    // Each offer is a numbered negotiation. When both sides arrive at once the clinician may offer twice; answers
    // and candidates carry the number, so those of a superseded negotiation are dropped instead of mixed in.
    var negotiation = 0;

    function text(key) { return root.dataset['t' + key] || ''; }

    function setStatus(key, code) {
        if (status) {
            status.textContent = text(key);
            status.dataset.state = code;
        }
    }

    function send(kind, payload) {
        return hub.invoke('Signal', id, kind, JSON.stringify(payload)).catch(function (err) { console.warn(err); });
    }

    function closeCall() {
        closed = true;
        if (pc) { pc.close(); pc = null; }
        if (local) { local.getTracks().forEach(function (t) { t.stop(); }); local = null; }
        hub.stop();
    }

    function clock(iso) {
        return new Date(iso).toLocaleTimeString('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Stockholm' });
    }

    function appendMessage(m) {
        if (!messages || messages.querySelector('[data-id="' + m.id + '"]')) {
            return;
        }
        var li = document.createElement('li');
        li.dataset.id = m.id;
        li.className = m.fromStaff ? 'from-staff' : 'from-resident';
        var who = document.createElement('span');
        who.className = 'hint';
        who.textContent = m.author + ', ' + clock(m.at);
        li.appendChild(who);
        li.appendChild(document.createElement('br'));
        li.appendChild(document.createTextNode(m.text));
        messages.appendChild(li);
        messages.scrollTop = messages.scrollHeight;
    }

    function newPeer(n) {
        if (pc) {
            pc.onicecandidate = null;
            pc.ontrack = null;
            pc.onconnectionstatechange = null;
            pc.close();
        }
        pending = [];
        pc = new RTCPeerConnection({ iceServers: iceServers });
        var peer = pc;
        if (local) {
            local.getTracks().forEach(function (t) { peer.addTrack(t, local); });
        } else if (role === 'Clinician') {
            peer.addTransceiver('audio', { direction: 'recvonly' });
            peer.addTransceiver('video', { direction: 'recvonly' });
        }
        peer.onicecandidate = function (e) {
            if (e.candidate && peer === pc) { send('candidate', { n: n, candidate: e.candidate.toJSON() }); }
        };
        peer.ontrack = function (e) {
            var remote = document.getElementById('vc-remote');
            if (remote && e.streams[0] && remote.srcObject !== e.streams[0]) { remote.srcObject = e.streams[0]; }
        };
        peer.onconnectionstatechange = function () {
            if (peer !== pc) { return; }
            var s = peer.connectionState;
            if (s === 'connected') { setStatus('Connected', 'connected'); }
            else if (s === 'new' || s === 'connecting') { setStatus('Connecting', 'connecting'); }
            else if (s === 'disconnected') { setStatus('Disconnected', 'disconnected'); }
            else if (s === 'failed') { setStatus('Failed', 'failed'); }
        };
        return peer;
    }

    function flush() {
        var queued = pending;
        pending = [];
        queued.forEach(function (c) { pc.addIceCandidate(c).catch(function (err) { console.warn(err); }); });
    }

    async function offer() {
        negotiation += 1;
        var n = negotiation;
        var peer = newPeer(n);
        await peer.setLocalDescription(await peer.createOffer());
        if (peer === pc) { send('offer', { n: n, sdp: peer.localDescription.toJSON() }); }
    }

    hub.on('signal', async function (kind, payload) {
        if (!isVideo || closed) { return; }
        var data = JSON.parse(payload);
        try {
            if (kind === 'ready') {
                if (role === 'Clinician') { await offer(); }
                else if (!data.reply) { send('ready', { reply: true }); }
            } else if (kind === 'offer' && role === 'Resident') {
                negotiation = data.n;
                var peer = newPeer(data.n);
                await peer.setRemoteDescription(data.sdp);
                await peer.setLocalDescription(await peer.createAnswer());
                if (peer === pc) {
                    send('answer', { n: data.n, sdp: peer.localDescription.toJSON() });
                    flush();
                }
            } else if (kind === 'answer' && role === 'Clinician') {
                if (data.n === negotiation && pc && pc.signalingState === 'have-local-offer') {
                    await pc.setRemoteDescription(data.sdp);
                    flush();
                }
            } else if (kind === 'candidate' && data.n === negotiation && pc) {
                if (pc.remoteDescription) { await pc.addIceCandidate(data.candidate); } else { pending.push(data.candidate); }
            }
        } catch (err) {
            console.warn(err);
        }
    });

    hub.on('stateChanged', function (newState) {
        if (newState !== state) {
            closeCall();
            location.reload();
        }
    });

    hub.on('chat', appendMessage);

    hub.on('replaced', function () {
        closeCall();
        setStatus('Replaced', 'replaced');
    });

    var form = document.getElementById('vc-chat-form');
    if (form) {
        form.addEventListener('submit', async function (e) {
            e.preventDefault();
            var box = document.getElementById('vc-chat-text');
            var error = document.getElementById('vc-chat-error');
            var value = box.value.trim();
            if (!value) { return; }
            try {
                await hub.invoke('SendChat', id, value);
                box.value = '';
                error.textContent = '';
            } catch (err) {
                error.textContent = text('SendFailed') + ' ' + ((err && err.message) || '').replace(/^.*HubException: /, '');
            }
            box.focus();
        });
    }

    async function join() {
        var joined = await hub.invoke('Join', id);
        if (joined.state !== state) {
            // A push was missed (for example while reconnecting): the page shows the meeting as it is now.
            closeCall();
            location.reload();
            return;
        }
        if (state === 'Vantar') {
            setStatus('Waiting', 'waiting');
        } else if (isVideo) {
            setStatus('WaitingForOther', 'waiting-for-other');
            send('ready', { reply: false });
        } else {
            setStatus('ChatOpen', 'chat');
        }
    }

    // Mute and camera off: the tracks stay in the call, disabled, so turning them on again needs no new negotiation.
    function toggle(buttonId, tracks) {
        var button = document.getElementById(buttonId);
        if (!button) {
            return;
        }
        button.addEventListener('click', function () {
            var off = button.getAttribute('aria-pressed') !== 'true';
            button.setAttribute('aria-pressed', off ? 'true' : 'false');
            if (local) {
                tracks(local).forEach(function (t) { t.enabled = !off; });
            }
        });
    }

    async function start() {
        if (isVideo && state === 'Pagar') {
            try {
                local = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
                document.getElementById('vc-local').srcObject = local;
                toggle('vc-mute', function (s) { return s.getAudioTracks(); });
                toggle('vc-camera', function (s) { return s.getVideoTracks(); });
            } catch (err) {
                console.warn(err);
                local = null;
                setStatus('NoMedia', 'no-media');
            }
        }
        await hub.start();
        await join();
    }

    hub.onreconnecting(function () { setStatus('Offline', 'offline'); });
    hub.onreconnected(function () { join().catch(function () { location.reload(); }); });
    window.addEventListener('pagehide', closeCall);
    start().catch(function (err) {
        console.warn(err);
        setStatus('Offline', 'offline');
    });
    return closeCall;
}

// What runs on a page: started when its element appears (with SignalR loaded), stopped when it goes or its state
// changes (see wwwroot/Nara.lib.module.js for when onLoad, onUpdate and onDispose are called).
export function whilePresent(id, begin) {
    let active = null;
    function stop() {
        if (active) {
            active.stop();
            active = null;
        }
    }
    function start() {
        const el = document.getElementById(id);
        if (active && active.el === el && active.state === el?.dataset.state) {
            return;
        }
        stop();
        if (!el) {
            return;
        }
        const current = { el: el, state: el.dataset.state, stop: function () { } };
        active = current;
        withSignalR(function () {
            if (active === current) {
                current.stop = begin(el);
            }
        });
    }
    return { onLoad: start, onUpdate: start, onDispose: stop };
}

// The equipment check before joining: the camera's picture and the microphone's level, until stopped or the page goes.
function startCheck(root) {
    var button = document.getElementById('vc-check-toggle');
    var video = document.getElementById('vc-check-video');
    var meter = document.getElementById('vc-check-level');
    var status = document.getElementById('vc-check-status');
    var stream = null;
    var audio = null;
    var frame = 0;

    function stop() {
        cancelAnimationFrame(frame);
        if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
        if (audio) { audio.close(); audio = null; }
        video.hidden = true;
        meter.value = 0;
        button.textContent = root.dataset.tStart;
    }

    async function begin() {
        try {
            stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
        } catch (err) {
            console.warn(err);
            status.textContent = root.dataset.tFailed;
            status.dataset.state = 'failed';
            return;
        }
        video.srcObject = stream;
        video.hidden = false;
        button.textContent = root.dataset.tStop;
        status.textContent = root.dataset.tOk;
        status.dataset.state = 'ok';
        audio = new AudioContext();
        var analyser = audio.createAnalyser();
        analyser.fftSize = 512;
        audio.createMediaStreamSource(stream).connect(analyser);
        var samples = new Uint8Array(analyser.fftSize);
        (function level() {
            analyser.getByteTimeDomainData(samples);
            var peak = 0;
            for (var i = 0; i < samples.length; i++) { peak = Math.max(peak, Math.abs(samples[i] - 128)); }
            meter.value = Math.min(100, Math.round(peak / 128 * 100 * 2));
            frame = requestAnimationFrame(level);
        })();
    }

    function onClick() {
        if (stream) { stop(); } else { begin(); }
    }
    button.addEventListener('click', onClick);
    button.disabled = false;
    window.addEventListener('pagehide', stop);
    return function () {
        button.removeEventListener('click', onClick);
        stop();
    };
}

function whileElement(id, begin, refresh) {
    let active = null;
    function stop() {
        if (active) { active.stop(); active = null; }
    }
    function start() {
        const el = document.getElementById(id);
        if (active && active.el === el) {
            // The same element rendered again (enhanced navigation): what the server sent afresh is set up again.
            refresh?.(el);
            return;
        }
        stop();
        if (el) {
            active = { el: el, stop: begin(el) };
        }
    }
    return { onLoad: start, onUpdate: start, onDispose: stop };
}

const page = whilePresent('vc-meeting', startMeeting);
const check = whileElement('vc-check', startCheck, el => { const b = el.querySelector('#vc-check-toggle'); if (b) { b.disabled = false; } });
export function onLoad() { page.onLoad(); check.onLoad(); }
export function onUpdate() { page.onUpdate(); check.onUpdate(); }
export function onDispose() { page.onDispose(); check.onDispose(); }
