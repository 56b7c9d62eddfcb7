// Runs the official openai npm client against an OpenAI-compatible endpoint and prints a JSON report.
//
//   OPENAI_API_KEY=KEY node conformance.mjs --client openai6|openai7 --base-url URL --model MODEL
//        [--prompt TEXT] [--expect-text TEXT] [--expect-cached-tokens N] [--missing-model NAME]
//
// The key comes from OPENAI_API_KEY (or --api-key, which other users of the machine can see in its process list).
//
// Checks: models.list(); a non-streaming create(); a raw streaming create(); the strict
// chat.completions.stream() helper with finalChatCompletion() and stream_options.include_usage (usage with
// prompt, completion and total tokens, and prompt_tokens_details.cached_tokens when present or expected); a wrong
// key surfacing as AuthenticationError (401) and an unknown model as NotFoundError (404).
// Exit status: 0 when every check passed, 1 when one failed, 2 for bad arguments or a client that cannot load.
// The API key is never printed.

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!name.startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`unexpected argument ${JSON.stringify(name)}; options take one value each`);
    }
    args[name.slice(2)] = argv[++i];
  }
  args['api-key'] ??= process.env.OPENAI_API_KEY;
  for (const required of ['client', 'base-url', 'api-key', 'model']) {
    if (!args[required]) throw new Error(`--${required} is required${required === 'api-key' ? ' (or OPENAI_API_KEY)' : ''}`);
  }
  if (!['openai6', 'openai7'].includes(args.client)) {
    throw new Error(`--client must be openai6 or openai7, got ${JSON.stringify(args.client)}`);
  }
  return args;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function checkUsage(usage, args, where) {
  check(usage && typeof usage === 'object', `${where}: no usage`);
  for (const field of ['prompt_tokens', 'completion_tokens', 'total_tokens']) {
    check(Number.isInteger(usage[field]) && usage[field] >= 0, `${where}: usage.${field} is ${usage[field]}`);
  }
  check(usage.total_tokens === usage.prompt_tokens + usage.completion_tokens,
    `${where}: total_tokens ${usage.total_tokens} is not prompt + completion`);
  const cached = usage.prompt_tokens_details?.cached_tokens;
  if (cached !== undefined || args['expect-cached-tokens'] !== undefined) {
    check(Number.isInteger(cached) && cached >= 0 && cached <= usage.prompt_tokens,
      `${where}: prompt_tokens_details.cached_tokens is ${cached}`);
  }
  if (args['expect-cached-tokens'] !== undefined) {
    check(cached === Number(args['expect-cached-tokens']),
      `${where}: cached_tokens ${cached}, expected ${args['expect-cached-tokens']}`);
  }
  return { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, cached_tokens: cached };
}

function checkText(text, args, where) {
  check(typeof text === 'string' && text.length > 0, `${where}: no answer text`);
  if (args['expect-text'] !== undefined) {
    check(text === args['expect-text'], `${where}: answer ${JSON.stringify(text)}, expected ${JSON.stringify(args['expect-text'])}`);
  }
}

async function main() {
  let args;
  let OpenAI;
  let version;
  try {
    args = parseArgs(process.argv.slice(2));
    const module = await import(args.client);
    OpenAI = module.default;
    version = module.VERSION ?? (await import(`${args.client}/version`)).VERSION;
  } catch (e) {
    console.log(JSON.stringify({ ok: false, error: String(e?.message ?? e) }));
    process.exit(2);
  }
  const options = { baseURL: args['base-url'], maxRetries: 0, timeout: 60_000 };
  const client = new OpenAI({ ...options, apiKey: args['api-key'] });
  const model = args.model;
  const messages = [{ role: 'user', content: args.prompt ?? 'Say hello.' }];
  const report = { client: args.client, version, node: process.version, baseUrl: args['base-url'], model, checks: [] };

  async function run(name, body) {
    const started = Date.now();
    try {
      const detail = await body();
      report.checks.push({ name, ok: true, ms: Date.now() - started, detail: detail ?? {} });
    } catch (e) {
      report.checks.push({ name, ok: false, ms: Date.now() - started, error: `${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}` });
    }
  }

  await run('models.list', async () => {
    const ids = [];
    for await (const m of client.models.list()) {
      check(typeof m.id === 'string' && m.object === 'model', `a model entry is ${JSON.stringify(m)}`);
      ids.push(m.id);
    }
    check(ids.includes(model), `the list ${JSON.stringify(ids)} does not name ${model}`);
    return { ids };
  });

  await run('create', async () => {
    const c = await client.chat.completions.create({ model, messages });
    check(c.object === 'chat.completion', `object is ${c.object}`);
    check(typeof c.id === 'string' && c.id.startsWith('chatcmpl-'), `id is ${c.id}`);
    check(Number.isInteger(c.created), `created is ${c.created}`);
    check(c.choices.length === 1 && c.choices[0].index === 0, `choices are ${JSON.stringify(c.choices)}`);
    check(c.choices[0].message.role === 'assistant', `role is ${c.choices[0].message.role}`);
    check(c.choices[0].finish_reason === 'stop', `finish_reason is ${c.choices[0].finish_reason}`);
    checkText(c.choices[0].message.content, args, 'create');
    return { text: c.choices[0].message.content, usage: checkUsage(c.usage, args, 'create') };
  });

  await run('create.stream', async () => {
    const stream = await client.chat.completions.create({ model, messages, stream: true,
      stream_options: { include_usage: true } });
    const ids = new Set();
    let text = '';
    let finish = null;
    let usage = null;
    for await (const chunk of stream) {
      check(chunk.object === 'chat.completion.chunk', `object is ${chunk.object}`);
      ids.add(chunk.id);
      for (const choice of chunk.choices) {
        text += choice.delta?.content ?? '';
        finish = choice.finish_reason ?? finish;
      }
      if (chunk.usage) usage = chunk.usage;
    }
    check(ids.size === 1, `the chunks carry ${ids.size} ids`);
    check(finish === 'stop', `finish_reason is ${finish}`);
    checkText(text, args, 'create.stream');
    return { text, usage: checkUsage(usage, args, 'create.stream') };
  });

  await run('chat.completions.stream+finalChatCompletion', async () => {
    const stream = client.chat.completions.stream({ model, messages, stream_options: { include_usage: true } });
    let deltas = '';
    stream.on('content', (delta) => { deltas += delta; });
    const final = await stream.finalChatCompletion();
    const text = final.choices[0].message.content;
    checkText(text, args, 'stream helper');
    check(text === deltas, `final text ${JSON.stringify(text)} differs from the deltas ${JSON.stringify(deltas)}`);
    check(final.choices[0].finish_reason === 'stop', `finish_reason is ${final.choices[0].finish_reason}`);
    return { text, usage: checkUsage(final.usage, args, 'stream helper') };
  });

  await run('error.401', async () => {
    const wrong = new OpenAI({ ...options, apiKey: 'sk-conformance-wrong-key' });
    try {
      await wrong.chat.completions.create({ model, messages });
    } catch (e) {
      check(e instanceof OpenAI.AuthenticationError, `got ${e?.constructor?.name}: ${e?.message}`);
      check(e.status === 401, `status ${e.status}`);
      return { status: e.status, message: e.message };
    }
    throw new Error('a wrong key was accepted');
  });

  await run('error.404', async () => {
    const missing = args['missing-model'] ?? 'conformance-no-such-model';
    try {
      await client.chat.completions.create({ model: missing, messages });
    } catch (e) {
      check(e instanceof OpenAI.NotFoundError, `got ${e?.constructor?.name}: ${e?.message}`);
      check(e.status === 404, `status ${e.status}`);
      check(typeof e.error?.message === 'string', `no error.message in ${JSON.stringify(e.error)}`);
      return { status: e.status, code: e.code, message: e.error.message };
    }
    throw new Error(`model ${missing} was accepted`);
  });

  report.ok = report.checks.every((c) => c.ok);
  console.log(JSON.stringify(report));
  process.exit(report.ok ? 0 : 1);
}

main();
