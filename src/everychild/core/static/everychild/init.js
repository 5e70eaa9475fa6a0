// Starts GOV.UK Frontend's components. A module script, so it runs only in browsers that
// GOV.UK Frontend supports; pages work without it.
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
