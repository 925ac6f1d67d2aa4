// A process with the service's process guards installed, for test/unit/lib/process-guards.test.ts.
// GUARD_CASE=rejection: two stray rejections, then it reports it is still running.
// GUARD_CASE=exception: an exception nobody catches; onFatal exits with 7.
import { pino } from 'pino';
import { installProcessGuards } from '../../src/lib/process-guards.js';

const logger = pino({ level: 'info' });
installProcessGuards(process, logger, () => {
  console.log('onFatal called');
  process.exit(7);
});
if (process.env.GUARD_CASE === 'rejection') {
  void Promise.reject(new Error('stray rejection from a library'));
  void Promise.reject(new Error('and another one'));
  setTimeout(() => console.log('still running'), 100);
} else {
  setTimeout(() => {
    throw new TypeError("Cannot read properties of null (reading 'ssl_check')");
  }, 10);
  setTimeout(() => console.log('still running'), 2_000);
}
