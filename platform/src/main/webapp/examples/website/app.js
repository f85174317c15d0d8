// The example site's page: talks only to its own server (/examples/website/api/…), which holds the API key.
const api = path => 'api/' + path;
const $ = id => document.getElementById(id);

$('webhook-url').textContent = new URL('api/webhook', location.href).href;

async function post(path, body) {
  const answer = await fetch(api(path), {method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify(body)});
  return {ok: answer.ok, status: answer.status, body: await answer.json().catch(() => ({}))};
}

$('setup').addEventListener('submit', async event => {
  event.preventDefault();
  const result = await post('setup', {inboundUrl: $('inbound-url').value, apiKey: $('api-key').value,
    signingSecret: $('signing-secret').value});
  $('setup-state').textContent = result.ok ? 'Saved' : 'Refused: ' + (result.body.error || result.status);
  if (result.ok) { $('api-key').value = ''; $('signing-secret').value = ''; }
});

$('compose').addEventListener('submit', async event => {
  event.preventDefault();
  const result = await post('messages', {thread: $('thread').value, email: $('email').value,
    name: $('name').value, text: $('text').value});
  $('send-state').textContent = result.ok ? 'Sent' : 'Not sent: ' + (result.body.message || result.body.error
    || result.status);
  if (result.ok) { $('text').value = ''; }
  refresh();
});

async function refresh() {
  const answer = await fetch(api('thread?thread=' + encodeURIComponent($('thread').value)));
  if (!answer.ok) { return; }
  const thread = await answer.json();
  const list = $('messages');
  list.replaceChildren(...thread.messages.map(m => {
    const item = document.createElement('li');
    item.className = m.author;
    item.dataset.author = m.author;
    const who = document.createElement('strong');
    who.textContent = m.author === 'agent' ? (m.authorName || 'Support') : (m.authorName || 'You');
    item.append(who, document.createTextNode(': ' + m.text));
    return item;
  }));
}

setInterval(refresh, 1000);
refresh();
