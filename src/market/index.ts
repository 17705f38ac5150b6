/**
 * Price-series arithmetic for the add-in: returns, CAGR, volatility, drawdown, rebasing, the
 * HISTORY table and Excel dates. Pure TypeScript: no Office, no network, no Node, and no use of
 * the machine's clock or time zone. Definitions follow the design's "Definitions" section.
 */

export type { DailyBar, ReturnKind, WindowResult, MarketErrorCode } from "./types";
export { MarketError, ARGUMENT_ERROR_CODES, isArgumentError } from "./types";
export { barsFromRows, type BarRow } from "./barRows";
export { periodReturn, cagr, annualise, MIN_CAGR_DAYS, DAYS_PER_YEAR } from "./returns";
export {
  volatility,
  maxDrawdown,
  dailyReturns,
  sampleStdev,
  volatilityOfValues,
  maxDrawdownOfValues,
  TRADING_DAYS_PER_YEAR,
} from "./risk";
export type { SeriesStats } from "./seriesStats";
export { seriesStats } from "./seriesStats";
export type { GrowthSeries } from "./growth";
export { growthOf100, alignDates } from "./growth";
export type { HistoryOptions, HistoryCell, HistoryInterval, HistoryHeaders } from "./history";
export { historyTable, HISTORY_HEADERS, DEFAULT_HISTORY_PROPERTIES } from "./history";
export { toExcelSerial, fromExcelSerial, parseDateArgument, MAX_EXCEL_SERIAL } from "./excelDates";
export type { Window } from "./window";
export {
  windowOf,
  barValue,
  assertReturnKind,
  assertBarsOrdered,
  lastIndexOnOrBefore,
  firstIndexOnOrAfter,
  windowValues,
} from "./window";
export {
  isIsoDate,
  assertIsoDate,
  isoToDayNumber,
  dayNumberToIso,
  daysBetween,
  addDays,
  weekdayIndex,
  mondayOfWeek,
  firstOfMonth,
} from "./isoDate";
export type { AlignedValues, SampleInterval } from "./alignment";
export { alignCommon, alignedWindow, returnsOf, samplePeriods } from "./alignment";
export type { MarketModel } from "./regression";
export { betaOf, marketModel, pearson, sampleCovariance } from "./regression";
export type { CrossSection, EventStudyResult, EventWindow } from "./eventStudy";
export {
  EVENT_DEFAULTS,
  MIN_ESTIMATION_DAYS,
  assertEventWindow,
  crossSection,
  eventStudy,
  eventStudyDates,
  eventStudyColumns,
  eventWindowLabel,
  signedDay,
} from "./eventStudy";
export type { PanelField, PanelFill, PanelSeries } from "./panel";
export { PANEL_FIELDS, panelTable } from "./panel";
export { conversionOf, convertBars, convertDividends, currencyUnit, rateOn } from "./currency";
export type { PriceColumns, SeriesWindow } from "./priceColumns";
export {
  barsOfWindow,
  closeColumns,
  firstPositionOnOrAfter,
  isoOfDay,
  lastPositionOnOrBefore,
  valuesOf,
  windowLength,
  windowOfDays,
} from "./priceColumns";
export { seriesMaxDrawdown, seriesVolatility } from "./columnStats";
export type { ColumnStat, WindowStatisticName } from "./windowStatistic";
export { WINDOW_STATISTIC, missedTheData, outsideDataMessage } from "./windowStatistic";
