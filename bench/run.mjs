#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --json FILE]`: Lookout against the loopback ceiling (a null
// server) and Spotlight's sidecar on the same workloads, then Lookout alone at scale.
// See bench/README.md for what each figure means and how it is measured.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startGenerator } from './generator.mjs';
import { emptyStoreBytes, throughputPhase } from './phase-throughput.mjs';
import { latencyPhase } from './phase-latency.mjs';
import { scalePhase } from './phase-scale.mjs';
import { workloads } from './payloads.mjs';
import { checkTargets, formatMarkdown, formatReport } from './report.mjs';

const USAGE = `usage: node bench/run.mjs [--quick] [--json FILE] [--markdown FILE] [--only error8k,errorloop,error50k,spans50,replay50k]
  [--rounds N] [--seconds S] [--connections N] [--scale-events N] [--no-scale] [--no-latency] [--cpu-prof DIR]
  node bench/run.mjs --from result.json [--markdown FILE]   (print an earlier result again)`;

function parseArgs(argv) {
  const args = { quick: false, json: null, markdown: null, only: null, rounds: null, seconds: null, connections: 32, scaleEvents: null,
    scale: true, latency: true, cpuProf: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`); return v; };
    if (a === '--quick') args.quick = true;
    else if (a === '--json') args.json = value();
    else if (a === '--markdown') args.markdown = value();
    else if (a === '--from') args.from = value();
    else if (a === '--only') args.only = value().split(',');
    else if (a === '--rounds') args.rounds = Number(value());
    else if (a === '--seconds') args.seconds = Number(value());
    else if (a === '--connections') args.connections = Number(value());
    else if (a === '--scale-events') args.scaleEvents = Number(value());
    else if (a === '--no-scale') args.scale = false;
    else if (a === '--no-latency') args.latency = false;
    else if (a === '--no-throughput') args.throughput = false;
    else if (a === '--cpu-prof') args.cpuProf = resolve(value());
    else if (a === '--help' || a === '-h') { console.log(USAGE); process.exit(0); }
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  return args;
}

function config(args) {
  const quick = args.quick;
  const cpuProf = args.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${args.cpuProf}`] : [];
  if (args.cpuProf) mkdirSync(args.cpuProf, { recursive: true });
  return {
    rounds: args.rounds ?? (quick ? 1 : 5),
    warmupMs: quick ? 400 : 1500,
    durationMs: (args.seconds ?? (quick ? 1.2 : 6)) * 1000,
    connections: args.connections,
    rate: 500,
    latencyMs: quick ? 2500 : 15000,
    latencyRounds: quick ? 1 : 3,
    scaleEvents: args.scaleEvents ?? (quick ? 20_000 : 1_000_000),
    // --quick stops the scale load after 6 s even if fewer events were stored: on a busy
    // machine 8 s brought the whole smoke run to 53 s, too close to its minute.
    scaleMaxMs: quick ? 6_000 : 0,
    queryRepeats: quick ? 10 : 30,
    restarts: quick ? 1 : 3,
    // Retention off for the run: the figures are about ingest and reads, not pruning.
    lookout: { nodeFlags: cpuProf, extraArgs: ['--max-events', '100000000', '--max-bytes', '1000000000000', '--max-age-days', '3650'] },
  };
}

function machine() {
  const list = cpus();
  return { cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length, memGb: Math.round(totalmem() / 1024 ** 3),
    node: process.versions.node, kernel: release(), platform: process.platform };
}

/** `--from FILE`: prints (and `--markdown` writes) the report of an earlier `--json` result. */
function reprint(args) {
  const result = JSON.parse(readFileSync(args.from, 'utf8'));
  result.targets = checkTargets(result);
  console.log(formatReport(result));
  if (args.markdown) writeFileSync(args.markdown, `${formatMarkdown(result)}\n`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.from) { reprint(args); return; }
  const cfg = config(args);
  const started = performance.now();
  const log = (line) => process.stderr.write(`${line}\n`);
  const all = workloads();
  // --quick keeps to the four workloads the targets name, to stay under a minute.
  const names = args.only ?? Object.keys(all).filter((name) => !(args.quick && name === 'errorloop'));
  const gen = await startGenerator();
  const result = { machine: machine(), command: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(), quick: args.quick,
    startedAt: new Date().toISOString(), config: { ...cfg, lookout: undefined }, throughput: {} };
  try {
    log(`[bench] building payloads`);
    await gen.run({ cmd: 'prepare', workloads: names });
    const baseBytes = await emptyStoreBytes(cfg.lookout);
    for (const name of args.throughput === false ? [] : names) {
      log(`[bench] throughput: ${all[name].label}`);
      result.throughput[name] = await throughputPhase(gen, name, all[name], cfg, baseBytes, log);
    }
    if (args.latency) {
      log(`[bench] latency at ${cfg.rate}/s`);
      result.latency = await latencyPhase(gen, cfg, log);
    }
    if (args.scale) {
      log(`[bench] scale: ${cfg.scaleEvents} events`);
      result.scale = await scalePhase(gen, cfg, baseBytes, log);
    }
  } finally {
    gen.close();
  }
  result.durationS = (performance.now() - started) / 1000;
  result.targets = checkTargets(result);
  console.log(formatReport(result));
  console.log(`\n(${result.durationS.toFixed(0)} s; command: ${result.command})`);
  if (args.json) writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  if (args.markdown) writeFileSync(args.markdown, `${formatMarkdown(result)}\n`);
}

main().catch((err) => {
  console.error(err?.stack ?? err);
  process.exit(1);
});
