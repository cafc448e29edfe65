// Loaded by every exercise's vitest config as a setup file, before the test
// file (and so before any code under test) is imported. It fingerprints the
// test tools, then checks around every test that nothing changed them: code
// that patches `expect`'s matchers or `vi` to earn points fails instead.
import { afterEach, beforeEach, chai, expect, vi } from "vitest";
import "../matchers.ts";
import { TAMPERING } from "./tampering.ts";

type Fingerprint = Map<string, unknown>;

function fingerprint(): Fingerprint {
  const prints: Fingerprint = new Map();
  const take = (where: string, target: object) => {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(target))) {
      // Only behaviour counts: vitest keeps state of its own on these objects (e.g. expect.__flags).
      const behaviour = descriptor.get ?? descriptor.value;
      if (typeof behaviour === "function") prints.set(`${where}.${key}`, behaviour);
    }
  };
  take("Assertion.prototype", chai.Assertion.prototype);
  take("expect", expect);
  take("vi", vi);
  return prints;
}

const pristine = fingerprint();

function verify(): void {
  const now = fingerprint();
  const changed = [...new Set([...pristine.keys(), ...now.keys()])].filter((key) => pristine.get(key) !== now.get(key));
  if (changed.length > 0) {
    throw new Error(`${TAMPERING} (${changed.slice(0, 3).join(", ")}). Points cannot be earned that way.`);
  }
}

beforeEach(verify);
afterEach(verify);
