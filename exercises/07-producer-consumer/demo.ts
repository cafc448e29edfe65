// `npm run demo`: your AsyncQueue between a quick producer and a slow
// consumer, then your runPipeline with several of each, for real. Given: no
// need to edit it (see README.md).
import { runDemo } from "@course/testkit/demo";

process.exitCode = await runDemo(
  {
    title: "07 · Producer–consumer",
    intro: ["Producers that make items quickly, consumers that take a while with each, and a queue of 2 between them."],
  },
  async (demo) => {
    const { AsyncQueue, runPipeline } = await import("./src/index.ts");

    await demo.part("AsyncQueue(2): a producer puts 5 items at once, a consumer takes 150 ms per item", async () => {
      const rows = demo.tasks("running");
      const queue = new AsyncQueue<string>(2);
      let largest = 0;
      const producer = async () => {
        for (let i = 1; i <= 5; i++) {
          const item = `item ${i}`;
          const full = queue.size >= 2;
          demo.log(`producer: put(${item})${full ? ": the queue is full, it waits" : ""}`);
          const end = rows.begin(`put(${item})`);
          await queue.put(item);
          end("done", `in at ${Math.round(demo.now())}ms`);
          largest = Math.max(largest, queue.size);
          if (full) demo.log(`producer: ${item} is in at last (size ${queue.size})`);
        }
        queue.close();
        demo.log("producer: close()");
      };
      const consumer = async () => {
        for await (const item of queue) {
          demo.log(`consumer: got ${item}`);
          const end = rows.begin(`consumer: ${item}`);
          await demo.wait(150);
          end();
        }
        demo.log("consumer: the queue is closed and empty, the loop ends");
      };
      await demo.settle("producer and consumer", () => Promise.all([producer(), consumer()]), { show: () => "both finished" });
      demo.say(`The most items the queue held at once: ${largest} (its maxSize is 2): a put waits while it is full.`);
    });

    await demo.part("runPipeline: 2 producers, 3 consumers (250 ms per item), maxSize 2", async () => {
      const rows = demo.tasks("handlers running");
      async function* produce(name: string, count: number, everyMs: number) {
        for (let i = 1; i <= count; i++) {
          await demo.wait(everyMs);
          demo.log(`producer ${name}: made ${name}${i}`);
          yield `${name}${i}`;
        }
      }
      const handle = async (item: string, consumerId: number) => {
        const end = rows.begin(`${item} (consumer ${consumerId})`);
        await demo.wait(250);
        end();
        demo.log(`consumer ${consumerId}: handled ${item}`);
      };
      await demo.settle("runPipeline", () =>
        runPipeline({ producers: [() => produce("a", 4, 80), () => produce("b", 3, 120)], consumers: 3, maxSize: 2, handle }),
      );
    });

    await demo.part("runPipeline when handling b1 fails", async () => {
      const rows = demo.tasks("handlers running");
      async function* produce(name: string) {
        for (let i = 1; i <= 4; i++) {
          await demo.wait(50);
          yield `${name}${i}`;
        }
      }
      let failedAt = Infinity;
      const handle = async (item: string, consumerId: number) => {
        const end = rows.begin(`${item} (consumer ${consumerId})`);
        demo.log(`consumer ${consumerId}: starts on ${item}`);
        await demo.wait(item === "b1" ? 120 : 200);
        end(item === "b1" ? "failed" : "done");
        if (item === "b1") {
          failedAt = demo.now();
          demo.log(`consumer ${consumerId}: ${item} fails`);
          throw new Error(`could not handle ${item}`);
        }
      };
      await demo.settle("runPipeline", () => runPipeline({ producers: [() => produce("a"), () => produce("b")], consumers: 2, maxSize: 2, handle }));
      const later = rows.spans.filter((span) => span.start > failedAt).length;
      demo.say(`Handlers started after the failure: ${later}.`);
    });
  },
);
