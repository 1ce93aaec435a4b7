export { runP2pctl } from './run-p2pctl.js';
