"""Executable process models parsed from BPMN 2.0 XML with Zeebe's extensions."""
