package io.gridflex.openadr;

import java.io.InputStream;
import java.io.Reader;

import org.w3c.dom.ls.LSInput;

/** An XSD file from our own jar handed to the schema compiler as an already-open stream. */
final class BundledInput implements LSInput {

    private String systemId;
    private String publicId;
    private String baseUri;
    private String encoding;
    private String stringData;
    private InputStream byteStream;
    private Reader characterStream;
    private boolean certifiedText;

    BundledInput(String systemId, InputStream byteStream) {
        this.systemId = systemId;
        this.byteStream = byteStream;
    }

    @Override
    public InputStream getByteStream() {
        return byteStream;
    }

    @Override
    public void setByteStream(InputStream byteStream) {
        this.byteStream = byteStream;
    }

    @Override
    public Reader getCharacterStream() {
        return characterStream;
    }

    @Override
    public void setCharacterStream(Reader characterStream) {
        this.characterStream = characterStream;
    }

    @Override
    public String getStringData() {
        return stringData;
    }

    @Override
    public void setStringData(String stringData) {
        this.stringData = stringData;
    }

    @Override
    public String getSystemId() {
        return systemId;
    }

    @Override
    public void setSystemId(String systemId) {
        this.systemId = systemId;
    }

    @Override
    public String getPublicId() {
        return publicId;
    }

    @Override
    public void setPublicId(String publicId) {
        this.publicId = publicId;
    }

    @Override
    public String getBaseURI() {
        return baseUri;
    }

    @Override
    public void setBaseURI(String baseURI) {
        this.baseUri = baseURI;
    }

    @Override
    public String getEncoding() {
        return encoding;
    }

    @Override
    public void setEncoding(String encoding) {
        this.encoding = encoding;
    }

    @Override
    public boolean getCertifiedText() {
        return certifiedText;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {
        this.certifiedText = certifiedText;
    }
}
