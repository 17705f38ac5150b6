/**
 * The Fluent UI pieces the pane uses, in one place. The barrel tree-shakes to these components
 * only when TypeScript hands webpack ES modules (ts-loader `module: "esnext"`); compiled to
 * CommonJS, webpack takes Fluent's CommonJS builds and keeps every icon (about 17 MB).
 */
export {
  FluentProvider,
  webLightTheme,
  tokens,
  makeStyles,
  Tab,
  TabList,
  Text,
  Button,
  Checkbox,
  Dropdown,
  Option,
  Field,
  Input,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  MessageBarActions,
} from "@fluentui/react-components";
