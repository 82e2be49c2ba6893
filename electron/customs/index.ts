export { countryName, isCountry, isCurrency, isHsCode } from './codes';
export { declarationOf, type CustomsItem, type Declaration } from './declaration';
export { customsProblems, documentOf, valueSdr, type CustomsProblem, type CustomsRules } from './check';
