#!/usr/bin/env node
// Lints BPMN files for Camunda 8.9 with bpmnlint and bpmnlint-plugin-camunda-compat.
//
// Why not the `bpmnlint` command line: it parses with plain bpmn-moddle, so every zeebe:*
// extension is an unknown element to it and the camunda-compat rules see none of them.
// Here the model is read with zeebe-bpmn-moddle's descriptor, as Camunda Modeler does.
//
// Usage: node scripts/bpmnlint.mjs [--config .bpmnlintrc] [--json] FILE.bpmn...
// FILE `-` is standard input. With --json, one JSON array of findings per file is printed
// ({category, id, rule, message}), as the back-office reads it before a deployment.
// Exit status: 0 when clean, 1 on any error or warning (import warnings included), 2 on bad usage.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

const { BpmnModdle } = require('bpmn-moddle');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');
const zeebeDescriptor = require('zeebe-bpmn-moddle/resources/zeebe.json');

function parseArguments(argv) {
  const files = [];
  let configPath = path.join(root, '.bpmnlintrc');
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config' || argv[i] === '-c') {
      configPath = argv[++i];
    } else if (argv[i] === '--json') {
      json = true;
    } else {
      files.push(argv[i]);
    }
  }
  return { files, configPath, json };
}

function elementLabel(report) {
  return report.id ? `${report.id}` : '(modèle)';
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function lintFile(file, linter) {
  const findings = [];
  const xml = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  const moddle = new BpmnModdle({ zeebe: zeebeDescriptor });
  let rootElement;
  try {
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    rootElement = result.rootElement;
    for (const warning of result.warnings) {
      findings.push({ category: 'error', id: warning.element?.id, rule: 'import', message: warning.message });
    }
  } catch (error) {
    findings.push({ category: 'error', id: undefined, rule: 'import', message: error.message });
    return findings;
  }
  const results = await linter.lint(rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      findings.push({ category: report.category, id: report.id, rule, message: report.message });
    }
  }
  return findings;
}

async function main() {
  const { files, configPath, json } = parseArguments(process.argv.slice(2));
  if (files.length === 0) {
    console.error('usage: node scripts/bpmnlint.mjs [--config .bpmnlintrc] FILE.bpmn...');
    return 2;
  }
  const config = JSON.parse(await readFile(configPath, 'utf8'));
  const linter = new Linter({ config, resolver: new NodeResolver({ require }) });

  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const findings = await lintFile(file, linter);
    if (json) {
      console.log(JSON.stringify(findings));
    }
    for (const finding of findings) {
      if (finding.category === 'error' || finding.category === 'rule-error') errors++;
      else if (finding.category === 'warn') warnings++;
      else continue;
      if (!json) console.log(`${file}: ${finding.category} ${elementLabel(finding)} ${finding.message} (${finding.rule})`);
    }
  }
  const summary = `${files.length} fichier(s) BPMN : ${errors} erreur(s), ${warnings} avertissement(s)`;
  if (!json) console.log(summary);
  return errors + warnings > 0 ? 1 : 0;
}

process.exitCode = await main();
