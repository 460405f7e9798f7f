// The start page has nothing to send; the shared module still wires the page.
import './common.js';
