/**
 * Entry of the functions bundle. Each imported file holds JSDoc-tagged custom functions; the
 * metadata plugin generates functions.json from their tags and appends the
 * CustomFunctions.associate() calls that register them with Excel.
 */
import "./chainFunctions";
import "./marketFunctions";
import "./eventFunctions";
import "./coMovementFunctions";
