// Entry of `npm run bench:push`: only the push throughput scenario (DynamoDB Local, no generated dataset), printed like the full bench.
import { printTable } from './report';
import { describeThroughput, measurePushThroughput } from './scenarios/push-throughput';

const raw = process.env.BENCH_PUSH_CHANGE_SETS;
const changeSets = raw ? Number(raw) : 600;
if (!Number.isInteger(changeSets) || changeSets < 1) throw new Error(`BENCH_PUSH_CHANGE_SETS must be a whole number, got "${raw}"`);
const result = await measurePushThroughput(changeSets);
console.log(describeThroughput(result));
printTable(result.rows);
process.exitCode = result.rows.every((row) => row.pass !== false) ? 0 : 1;
