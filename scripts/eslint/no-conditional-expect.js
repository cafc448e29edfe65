// vitest's no-conditional-expect, except for the course's way to fail with a
// teaching message: `if (late.length > 0) expect.fail(`…${timeline}`)`. The
// condition is the assertion and the message is built only when it fails (it
// draws a timeline, names the calls): nothing can pass silently, which is what
// the rule guards against. Any other expect under a condition is still reported.
import vitest from "@vitest/eslint-plugin";

const rule = vitest.rules["no-conditional-expect"];

/** True for a call `expect.fail(…)`. */
function isExpectFail(node) {
  const callee = node?.type === "CallExpression" ? node.callee : undefined;
  return (
    callee?.type === "MemberExpression" &&
    callee.object.type === "Identifier" &&
    callee.object.name === "expect" &&
    callee.property.type === "Identifier" &&
    callee.property.name === "fail"
  );
}

export default {
  meta: { ...rule.meta, docs: { ...rule.meta.docs, description: `${rule.meta.docs.description}, \`if (…) expect.fail(message)\` aside` } },
  create(context) {
    // The context's methods are on its prototype: keep them, and report only what is not expect.fail.
    const filtered = Object.create(context, {
      report: { value: (descriptor) => (isExpectFail(descriptor.node) ? undefined : context.report(descriptor)) },
    });
    return rule.create(filtered);
  },
};
